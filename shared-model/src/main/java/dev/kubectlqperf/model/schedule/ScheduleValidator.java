package dev.kubectlqperf.model.schedule;

import java.util.ArrayList;
import java.util.List;

/** What makes a schedule unable to run, as messages for its Ready condition; empty when it can. Pure. */
public final class ScheduleValidator {

  private ScheduleValidator() {}

  public static List<String> errors(QperfSchedule schedule) {
    List<String> errors = new ArrayList<>();
    String name = schedule.getMetadata().getName();
    if (name != null && name.length() > QperfSchedule.MAX_NAME_LENGTH) {
      errors.add("the name is " + name.length() + " characters long; a schedule's may have at most "
          + QperfSchedule.MAX_NAME_LENGTH + " (its runs are named <name>-<minute>)");
    }
    QperfScheduleSpec spec = schedule.getSpec();
    if (spec == null) {
      errors.add("spec is missing");
      return errors;
    }
    try {
      CronSchedule.parse(spec.schedule(), spec.timeZone());
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
    }
    if (spec.qperfTemplate() == null) {
      errors.add("spec.qperfTemplate is missing: the Qperf spec each run gets");
    } else if (spec.qperfTemplate().testsOrEmpty().isEmpty()) {
      errors.add("spec.qperfTemplate.tests is empty");
    }
    return errors;
  }
}

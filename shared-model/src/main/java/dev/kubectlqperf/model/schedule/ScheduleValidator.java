package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.matrix.MatrixValidator;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
    if (spec.qperfTemplate() != null && spec.matrixTemplate() != null) {
      errors.add("spec.qperfTemplate and spec.matrixTemplate are both set: a schedule runs one kind of child, "
          + "set exactly one of them");
    } else if (spec.matrixTemplate() != null) {
      errors.addAll(matrixErrors(name, spec.matrixTemplate()));
    } else if (spec.qperfTemplate() == null) {
      errors.add("spec.qperfTemplate is missing: the Qperf spec each run gets (or spec.matrixTemplate, the "
          + "QperfMatrix spec each run gets; exactly one of them)");
    } else if (spec.qperfTemplate().testsOrEmpty().isEmpty()) {
      errors.add("spec.qperfTemplate.tests is empty");
    }
    return errors;
  }

  /** The matrix template checked as each run will be, its errors named {@code spec.matrixTemplate.…}. */
  private static List<String> matrixErrors(String name, QperfMatrixSpec template) {
    QperfMatrix probe = new QperfMatrix();
    probe.setMetadata(new ObjectMetaBuilder().withName(name == null ? "schedule" : name).build());
    probe.setSpec(template);
    return MatrixValidator.validate(probe).errors().stream()
        .map(e -> e.replaceFirst("^spec\\.", "spec.matrixTemplate.")).toList();
  }
}

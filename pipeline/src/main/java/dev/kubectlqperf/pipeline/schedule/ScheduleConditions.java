package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A schedule's two conditions: {@code Ready} (False for an invalid schedule or time zone) and
 * {@code Regressed} (True while the trend says so). A condition's transition time moves only when
 * its status does. Pure.
 */
final class ScheduleConditions {

  static final String READY = "Ready";
  static final String REGRESSED = "Regressed";

  private ScheduleConditions() {}

  static List<Condition> with(QperfScheduleStatus saved, Instant now, Long generation, boolean ready, String reason,
      String message, Trend trend) {
    Condition readyCondition = condition(saved, now, generation, READY, ready, reason, message);
    if (trend == null) {
      return List.of(readyCondition);
    }
    boolean regressed = trend.verdict() == TrendVerdict.Regressed;
    return List.of(readyCondition,
        condition(saved, now, generation, REGRESSED, regressed, trend.verdict().name(), trend.message()));
  }

  /** Whether the saved condition of this type has another reason or message (or there is none). */
  static boolean changed(QperfScheduleStatus saved, String type, String reason, String message) {
    Condition old = find(saved, type);
    return old == null || !Objects.equals(old.getReason(), reason) || !Objects.equals(old.getMessage(), message);
  }

  private static Condition condition(QperfScheduleStatus saved, Instant now, Long generation, String type,
      boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Condition old = find(saved, type);
    String since = old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime() : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
        .withLastTransitionTime(since).withObservedGeneration(generation).build();
  }

  private static Condition find(QperfScheduleStatus saved, String type) {
    return saved.conditions() == null ? null
        : saved.conditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sets one condition in a list; the transition time changes only when the status does. */
final class Conditions {

  static final String SERVER_READY = "ServerReady";
  static final String SUCCEEDED = "Succeeded";
  static final String THRESHOLDS_MET = "ThresholdsMet";

  private Conditions() {}

  static List<Condition> set(List<Condition> existing, String type, boolean status, String reason, String message,
      String now, Long generation) {
    List<Condition> next = new ArrayList<>(existing == null ? List.of() : existing);
    String value = status ? "True" : "False";
    Condition previous = next.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String since = previous != null && value.equals(previous.getStatus()) ? previous.getLastTransitionTime() : now;
    Condition condition = new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
        .withMessage(message).withLastTransitionTime(since).withObservedGeneration(generation).build();
    next.removeIf(c -> type.equals(c.getType()));
    next.add(condition);
    return next;
  }

  /** Whether no condition of this type was ever set. */
  static boolean absent(List<Condition> conditions, String type) {
    return conditions == null || conditions.stream().noneMatch(c -> type.equals(c.getType()));
  }

  /** When the condition of this type last took this status, if it has it now. */
  static Optional<Instant> since(List<Condition> conditions, String type, String status) {
    return (conditions == null ? List.<Condition>of() : conditions).stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst();
  }
}

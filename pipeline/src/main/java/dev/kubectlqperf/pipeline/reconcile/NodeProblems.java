package dev.kubectlqperf.pipeline.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.List;
import java.util.Optional;

/**
 * Reads from a pod's node the problem the pod's own status cannot show: a node whose kubelet has
 * stopped reporting (the node controller marks it Unknown after its grace period) reports no more
 * pod phases, so a client there would look Running until the run's timeout. Pure.
 */
final class NodeProblems {

  private NodeProblems() {}

  /** @param side {@code Server} or {@code Client}, the prefix of the reason */
  static Optional<Problem> of(Node node, String side) {
    if (node == null || node.getStatus() == null) {
      return Optional.empty();
    }
    List<NodeCondition> conditions = node.getStatus().getConditions() == null ? List.of() : node.getStatus().getConditions();
    return conditions.stream().filter(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus())).findFirst()
        .map(c -> new Problem(side + "NodeNotReady", "the " + side.toLowerCase() + "'s node " + node.getMetadata().getName()
            + " is not ready since " + c.getLastTransitionTime() + " (" + c.getReason()
            + (c.getMessage() == null ? "" : ": " + c.getMessage().strip()) + "); its pod's state cannot be known"));
  }
}

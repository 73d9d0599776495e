package dev.kubectlqperf.pipeline.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

class NodeProblemsTest {

  private static Node node(String ready, String reason, String message) {
    return new NodeBuilder().withNewMetadata().withName("node-2").endMetadata()
        .withNewStatus().addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
        .addNewCondition().withType("Ready").withStatus(ready).withReason(reason).withMessage(message)
        .withLastTransitionTime("2026-11-27T15:00:00Z").endCondition().endStatus().build();
  }

  @Test
  void aNodeWhoseKubeletStoppedReportingIsAProblem() {
    Problem p = NodeProblems.of(node("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), "Client")
        .orElseThrow();
    assertEquals("ClientNodeNotReady", p.reason());
    assertEquals("the client's node node-2 is not ready since 2026-11-27T15:00:00Z (NodeStatusUnknown: Kubelet stopped"
        + " posting node status.); its pod's state cannot be known", p.message());
  }

  /** Its kubelet still reports the pod's end: waiting costs nothing, failing could lose a result. */
  @Test
  void aNodeThatSaysItIsNotReadyIsNoProblemYet() {
    assertFalse(NodeProblems.of(node("False", "KubeletNotReady", "PLEG is not healthy"), "Client").isPresent());
  }

  @Test
  void aReadyNodeOrNoneIsNoProblem() {
    assertFalse(NodeProblems.of(node("True", "KubeletReady", null), "Client").isPresent());
    assertFalse(NodeProblems.of(null, "Client").isPresent(), "a node this pipeline may not read");
    assertFalse(NodeProblems.of(new NodeBuilder().withNewMetadata().withName("n").endMetadata().build(), "Client")
        .isPresent());
  }
}

package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCheckTest {

  static Node node(String name, boolean ready, Map<String, String> labels, Taint... taints) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withTaints(taints).endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build();
  }

  static Taint taint(String key, String value, String effect) {
    return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
  }

  private static final RunAsk CROSS = new RunAsk("bench", false, true, "img", null, 0, List.of());

  @Test
  void twoReadyNodesPassACrossNodeRunAndTheirZonesAreCounted() {
    List<Finding> f = NodeCheck.evaluate(Fetched.of(List.of(node("a", true, Map.of(NodeCheck.ZONE, "z1")),
        node("b", true, Map.of(NodeCheck.ZONE, "z2")), node("c", true, Map.of(NodeCheck.ZONE, "z2")))), CROSS);
    assertEquals(Status.PASS, f.get(0).status(), f.toString());
    assertEquals("3 of 3 schedulable (a, b, c)", f.get(0).detail());
    assertEquals(Status.PASS, f.get(1).status());
    assertEquals("z1 (1), z2 (2)", f.get(2).detail());
  }

  @Test
  void aTaintThatLeavesOneNodeFailsCrossNodeAndNamesTheToleration() {
    List<Finding> f = NodeCheck.evaluate(Fetched.of(List.of(node("a", true, Map.of()),
        node("b", true, Map.of(), taint("dedicated", "gpu", "NoSchedule")))), CROSS);
    assertEquals(Status.FAIL, f.get(0).status());
    assertTrue(f.get(0).detail().contains("tainted: b"), f.get(0).detail());
    assertEquals(Status.FAIL, f.get(1).status());
    assertEquals("b: dedicated=gpu:NoSchedule", f.get(1).detail());
    assertTrue(f.get(1).fix().contains("{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}"),
        f.get(1).fix());
  }

  @Test
  void aTaintWithNodesToSpareIsAWarningAndPreferNoScheduleDoesNotCount() {
    List<Finding> f = NodeCheck.evaluate(Fetched.of(List.of(node("a", true, Map.of()), node("b", true, Map.of(),
        taint("soft", null, "PreferNoSchedule")), node("c", true, Map.of(), taint("only", null, "NoExecute")))), CROSS);
    assertEquals(Status.PASS, f.get(0).status());
    assertEquals(Status.WARN, f.get(1).status());
    assertTrue(f.get(1).fix().contains("{key: only, operator: Exists, effect: NoExecute}"), f.get(1).fix());
  }

  @Test
  void notReadyAndCordonedNodesAreNotSchedulableAndTheirStateTaintsAreNotReportedTwice() {
    Node cordoned = node("c", true, Map.of(), taint("node.kubernetes.io/unschedulable", null, "NoSchedule"));
    cordoned.getSpec().setUnschedulable(true);
    List<Finding> f = NodeCheck.evaluate(Fetched.of(List.of(node("a", true, Map.of()),
        node("n", false, Map.of(), taint("node.kubernetes.io/not-ready", null, "NoSchedule")), cordoned)), CROSS);
    assertEquals(Status.FAIL, f.get(0).status());
    assertEquals("1 of 3 schedulable (a); not Ready: n; cordoned: c; --cross-node needs two", f.get(0).detail());
    assertEquals("kubectl uncordon c", f.get(0).fix());
    assertEquals(Status.PASS, f.get(1).status(), "no taint of its own");
  }

  @Test
  void tolerationsFollowKubernetesRules() {
    Taint t = taint("k", "v", "NoSchedule");
    assertTrue(NodeCheck.tolerates(tol("k", "Equal", "v", "NoSchedule"), t));
    assertTrue(NodeCheck.tolerates(tol("k", null, "v", null), t), "Equal is the default; no effect: every effect");
    assertTrue(NodeCheck.tolerates(tol("k", "Exists", null, null), t));
    assertTrue(NodeCheck.tolerates(tol(null, "Exists", null, null), t), "Exists without a key tolerates everything");
    assertFalse(NodeCheck.tolerates(tol("k", "Equal", "w", null), t));
    assertFalse(NodeCheck.tolerates(tol("k", "Exists", null, "NoExecute"), t));
    RunAsk tolerant = new RunAsk("bench", false, true, "img", null, 0, List.of(tol("dedicated", "Exists", null, null)));
    assertEquals(Status.PASS, NodeCheck.evaluate(Fetched.of(List.of(node("a", true, Map.of()), node("b", true,
        Map.of(), taint("dedicated", "gpu", "NoSchedule")))), tolerant).get(0).status());
  }

  @Test
  void nodesThatCannotBeListedAreAWarningWithTheWayToLook() {
    List<Finding> f = NodeCheck.evaluate(Fetched.failed("nodes is forbidden"), CROSS);
    assertEquals(1, f.size());
    assertEquals(Status.WARN, f.get(0).status());
    assertEquals("cannot read nodes: nodes is forbidden", f.get(0).detail());
  }

  private static Toleration tol(String key, String op, String value, String effect) {
    return new TolerationBuilder().withKey(key).withOperator(op).withValue(value).withEffect(effect).build();
  }
}

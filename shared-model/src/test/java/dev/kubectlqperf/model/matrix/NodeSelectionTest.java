package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {

  private static final QperfSpec TEMPLATE = QperfSpec.of(List.of("tcp_bw"), null);

  private static Node node(String name, Map<String, String> labels, boolean cordoned, String ready) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withUnschedulable(cordoned ? Boolean.TRUE : null).endSpec();
    if (ready != null) {
      node.withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
    }
    return node.build();
  }

  private static final List<Node> CLUSTER = List.of(
      node("w3", Map.of("pool", "gpu", "topology.kubernetes.io/zone", "b", "rack", "7"), false, "True"),
      node("w1", Map.of("pool", "cpu", "topology.kubernetes.io/zone", "a", "rack", "2"), false, "True"),
      node("w2", Map.of("pool", "cpu", "failure-domain.beta.kubernetes.io/zone", "a"), false, null),
      node("w4", Map.of("pool", "cpu"), true, "True"),
      node("w5", Map.of("pool", "cpu"), false, "Unknown"));

  private static QperfMatrixSpec spec(Map<String, String> selector, List<NodeSelectorRequirement> expressions,
      List<String> names, Integer maxNodes) {
    return new QperfMatrixSpec(selector, expressions, names, maxNodes, null, null, null, null, TEMPLATE, null, null);
  }

  private static List<String> names(QperfMatrixSpec spec) {
    return NodeSelection.select(CLUSTER, spec).stream().map(MatrixNode::name).toList();
  }

  @Test
  void readySchedulableNodesSortedByNameWithTheirZones() {
    assertEquals(List.of(new MatrixNode("w1", "a"), new MatrixNode("w2", "a"), new MatrixNode("w3", "b")),
        NodeSelection.select(CLUSTER, spec(null, null, null, null)));
  }

  @Test
  void selectorExpressionsNamesAndMaxNodesNarrowTheChoice() {
    assertEquals(List.of("w1", "w2"), names(spec(Map.of("pool", "cpu"), null, null, null)));
    assertEquals(List.of("w3"), names(spec(null, List.of(new NodeSelectorRequirement("pool", "NotIn", List.of("cpu"))),
        null, null)));
    assertEquals(List.of("w1", "w3"), names(spec(null, List.of(new NodeSelectorRequirement("rack", "Exists", null)),
        null, null)));
    assertEquals(List.of("w3"), names(spec(null, List.of(new NodeSelectorRequirement("rack", "Gt", List.of("5"))),
        null, null)));
    assertEquals(List.of("w2"), names(spec(null, List.of(new NodeSelectorRequirement("rack", "DoesNotExist", null)),
        null, null)));
    assertEquals(List.of("w1", "w3"), names(spec(null, null, List.of("w3", "w1", "w4", "nope"), null)));
    assertEquals(List.of("w1"), names(spec(null, null, null, 1)));
  }
}

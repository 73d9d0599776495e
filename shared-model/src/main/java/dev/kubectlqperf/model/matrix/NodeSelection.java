package dev.kubectlqperf.model.matrix;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Which of the cluster's nodes a matrix measures: those matching the spec's node selector, match
 * expressions and name list, schedulable and not known to be unready, sorted by name, at most
 * {@code maxNodes}. Pure: the caller lists the nodes.
 */
public final class NodeSelection {

  public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  private static final String LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";

  private NodeSelection() {}

  public static List<MatrixNode> select(List<Node> nodes, QperfMatrixSpec spec) {
    List<MatrixNode> chosen = nodes.stream()
        .filter(node -> node.getMetadata() != null && node.getMetadata().getName() != null)
        .filter(node -> spec.nodes() == null || spec.nodes().isEmpty() || spec.nodes().contains(node.getMetadata().getName()))
        .filter(node -> matches(labels(node), spec))
        .filter(NodeSelection::usable)
        .map(node -> new MatrixNode(node.getMetadata().getName(), zone(labels(node))))
        .toList();
    return MatrixPlanner.chooseNodes(chosen, spec.maxNodes());
  }

  /** Whether labels satisfy the node selector and every match expression. */
  public static boolean matches(Map<String, String> labels, QperfMatrixSpec spec) {
    boolean selector = spec.nodeSelectorOrEmpty().entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    return selector && spec.matchExpressionsOrEmpty().stream().allMatch(r -> matches(labels, r));
  }

  static boolean matches(Map<String, String> labels, NodeSelectorRequirement requirement) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator() == null ? "" : requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> compare(value, values) > 0;
      case "Lt" -> compare(value, values) < 0;
      default -> false;
    };
  }

  /** The label as an integer against the single value; 0 (neither greater nor less) when either is not one. */
  private static int compare(String value, List<String> values) {
    try {
      return value == null || values.size() != 1 ? 0 : Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Not cordoned, and not reported unready: a node without conditions yet is given the benefit of the doubt. */
  private static boolean usable(Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return false;
    }
    List<NodeCondition> conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
    return conditions == null || conditions.stream()
        .noneMatch(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()));
  }

  private static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }

  private static String zone(Map<String, String> labels) {
    return labels.getOrDefault(ZONE_LABEL, labels.get(LEGACY_ZONE_LABEL));
  }
}

package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.validation.QperfValidator;
import dev.kubectlqperf.model.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a matrix can run, before anything is created: its own fields, and its template checked
 * by {@link QperfValidator} exactly as each child will be (the errors name {@code spec.template.…}).
 * Whether the nodes it selects make any pair is for the caller to tell, once it has listed them.
 */
public final class MatrixValidator {

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

  private MatrixValidator() {}

  public static ValidationResult validate(QperfMatrix matrix) {
    List<String> errors = new ArrayList<>();
    QperfMatrixSpec spec = matrix.getSpec();
    if (spec == null || spec.template() == null) {
      errors.add("spec.template: required, with at least spec.template.tests");
      return new ValidationResult(errors);
    }
    positive(spec.maxNodes(), "spec.maxNodes", errors);
    positive(spec.samplesPerNode(), "spec.samplesPerNode", errors);
    positive(spec.concurrency(), "spec.concurrency", errors);
    if (spec.outlierFraction() != null && (spec.outlierFraction() <= 0 || spec.outlierFraction() > 1)) {
      errors.add("spec.outlierFraction: must be above 0 and at most 1, e.g. 0.5 for half the cluster median");
    }
    if (spec.scenarios() != null && spec.scenarios().stream().anyMatch(s -> s == null)) {
      errors.add("spec.scenarios: one of PodToPod, ClusterIP, HostNetworkServer, HostNetworkClient, HostNetworkBoth");
    }
    spec.matchExpressionsOrEmpty().stream()
        .filter(r -> r.getKey() == null || !OPERATORS.contains(r.getOperator()))
        .forEach(r -> errors.add("spec.matchExpressions: '" + r.getKey() + " " + r.getOperator()
            + "' needs a key and one of " + OPERATORS));
    Qperf probe = new Qperf();
    probe.setMetadata(new ObjectMetaBuilder().withName("template").build());
    probe.setSpec(spec.template());
    QperfValidator.validate(probe).errors().forEach(e -> errors.add(e.replaceFirst("^spec\\.", "spec.template.")));
    return new ValidationResult(errors);
  }

  /**
   * Why the chosen nodes make no pair, or null when they make some: one node has only itself,
   * which counts only with {@code includeSameNode}.
   */
  public static String noPairs(MatrixPlan plan) {
    if (plan.pairCount() > 0) {
      return null;
    }
    return plan.nodes().isEmpty() ? "no node matches the matrix's node selection"
        : "one node (" + plan.nodes().get(0).name() + ") makes no pair; add nodes or set includeSameNode";
  }

  private static void positive(Integer value, String field, List<String> errors) {
    if (value != null && value < 1) {
      errors.add(field + ": must be at least 1");
    }
  }
}

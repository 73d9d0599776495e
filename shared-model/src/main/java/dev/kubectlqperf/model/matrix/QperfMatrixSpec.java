package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * What a matrix measures: which nodes, which ordered pairs of them, on which paths, with which
 * Qperf template, and how many pairs at once. Every field but the template is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfMatrixSpec(
    @JsonPropertyDescription("Only nodes with all these labels take part.")
        Map<String, String> nodeSelector,
    @JsonPropertyDescription("Only nodes whose labels match all these expressions take part (like a node affinity term).")
        List<NodeSelectorRequirement> matchExpressions,
    @JsonPropertyDescription("Only these nodes, by name (combined with the selectors when both are given).")
        List<String> nodes,
    @Min(1) @JsonPropertyDescription("At most this many nodes: the first ones by name.")
        Integer maxNodes,
    @JsonPropertyDescription("All (every ordered pair, the default) or Sample (every node measured samplesPerNode times "
        + "as client and as server).")
        PairMode pairs,
    @JsonPropertyDescription("Also measure each node against itself (the diagonal). Default: false.")
        Boolean includeSameNode,
    @Min(1) @JsonPropertyDescription("Sample mode: how many pairs each node is client of, and server of. Default: "
        + QperfMatrixSpec.DEFAULT_SAMPLES_PER_NODE)
        Integer samplesPerNode,
    @JsonPropertyDescription("The paths to measure each pair on: PodToPod (default), ClusterIP, HostNetworkServer, "
        + "HostNetworkClient, HostNetworkBoth.")
        List<Scenario> scenarios,
    @Required @JsonPropertyDescription("The Qperf spec each pair runs; the matrix sets node placement, service type and "
        + "host network per pair and scenario.")
        QperfSpec template,
    @Min(1) @JsonPropertyDescription("How many pairs run at once; two running pairs never share a node. Default: as many "
        + "as the nodes allow. 1 runs the pairs strictly one after the other.")
        Integer concurrency,
    @Min(0) @Max(1) @JsonPropertyDescription("A pair or node is an outlier when its bandwidth is below this fraction of the "
        + "cluster median, or its latency above the median divided by it. Default: " + QperfMatrixSpec.DEFAULT_OUTLIER_FRACTION)
        Double outlierFraction) {

  public static final int DEFAULT_SAMPLES_PER_NODE = 3;
  public static final double DEFAULT_OUTLIER_FRACTION = 0.5;

  /** Every ordered pair of every (selected) node, pod to pod, with this template. */
  public static QperfMatrixSpec allPairs(QperfSpec template) {
    return new QperfMatrixSpec(null, null, null, null, null, null, null, null, template, null, null);
  }

  /** This spec with defaults filled in, the template's included: what a matrix freezes when it starts. */
  public QperfMatrixSpec withDefaults(String defaultImage, long defaultTimeoutSeconds) {
    return new QperfMatrixSpec(nodeSelector, matchExpressions, nodes, maxNodes, effectivePairs(), effectiveIncludeSameNode(),
        samplesPerNode == null && effectivePairs() == PairMode.Sample ? Integer.valueOf(DEFAULT_SAMPLES_PER_NODE) : samplesPerNode,
        effectiveScenarios(), template == null ? null : template.withDefaults(defaultImage, defaultTimeoutSeconds),
        concurrency, effectiveOutlierFraction());
  }

  public QperfMatrixSpec withConcurrency(Integer newConcurrency) {
    return new QperfMatrixSpec(nodeSelector, matchExpressions, nodes, maxNodes, pairs, includeSameNode, samplesPerNode,
        scenarios, template, newConcurrency, outlierFraction);
  }

  public QperfMatrixSpec withPairs(PairMode mode, Integer newSamplesPerNode, Boolean sameNode) {
    return new QperfMatrixSpec(nodeSelector, matchExpressions, nodes, maxNodes, mode, sameNode, newSamplesPerNode,
        scenarios, template, concurrency, outlierFraction);
  }

  public QperfMatrixSpec withScenarios(List<Scenario> newScenarios) {
    return new QperfMatrixSpec(nodeSelector, matchExpressions, nodes, maxNodes, pairs, includeSameNode, samplesPerNode,
        newScenarios, template, concurrency, outlierFraction);
  }

  public QperfMatrixSpec withMaxNodes(Integer newMaxNodes) {
    return new QperfMatrixSpec(nodeSelector, matchExpressions, nodes, newMaxNodes, pairs, includeSameNode, samplesPerNode,
        scenarios, template, concurrency, outlierFraction);
  }

  public PairMode effectivePairs() {
    return pairs == null ? PairMode.All : pairs;
  }

  public boolean effectiveIncludeSameNode() {
    return Boolean.TRUE.equals(includeSameNode);
  }

  public int effectiveSamplesPerNode() {
    return samplesPerNode == null ? DEFAULT_SAMPLES_PER_NODE : samplesPerNode;
  }

  /** The scenarios in the order given, without repeats; PodToPod when none is given. */
  public List<Scenario> effectiveScenarios() {
    return scenarios == null || scenarios.isEmpty() ? List.of(Scenario.PodToPod) : scenarios.stream().distinct().toList();
  }

  /** The concurrency cap; {@link Integer#MAX_VALUE} when unset: as many pairs as are node-disjoint. */
  public int effectiveConcurrency() {
    return concurrency == null || concurrency < 1 ? Integer.MAX_VALUE : concurrency;
  }

  public double effectiveOutlierFraction() {
    return outlierFraction == null || outlierFraction <= 0 || outlierFraction > 1 ? DEFAULT_OUTLIER_FRACTION
        : outlierFraction;
  }

  public Map<String, String> nodeSelectorOrEmpty() {
    return nodeSelector == null ? Map.of() : nodeSelector;
  }

  public List<NodeSelectorRequirement> matchExpressionsOrEmpty() {
    return matchExpressions == null ? List.of() : matchExpressions;
  }
}

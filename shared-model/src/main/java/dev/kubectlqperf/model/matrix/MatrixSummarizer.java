package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.result.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sums up a matrix's pair results: the cluster median per scenario and metric, each node's row
 * and column medians, the outliers, the verdict, and a bounded pair list. Same-node pairs are
 * listed but take no part in medians and outliers: loopback is not the network. Pure.
 */
public final class MatrixSummarizer {

  /** Pair results kept in the status; the full table goes to the sinks. */
  public static final int MAX_PAIRS = 200;
  /** Node medians, and node outliers, kept in the status (nodes × scenarios). */
  public static final int MAX_NODE_MEDIANS = 1000;

  private MatrixSummarizer() {}

  public static MatrixSummary summarize(List<PairResult> results, QperfMatrixSpec spec) {
    double fraction = spec.effectiveOutlierFraction();
    Map<Scenario, List<PairResult>> byScenario = results.stream().filter(r -> !r.sameNode() && r.scenario() != null)
        .collect(Collectors.groupingBy(PairResult::scenario, TreeMap::new, Collectors.toList()));
    List<ScenarioMedians> medians = new ArrayList<>();
    List<NodeMedians> nodeMedians = new ArrayList<>();
    List<Outlier> outlierPairs = new ArrayList<>();
    List<Outlier> outlierNodes = new ArrayList<>();
    byScenario.forEach((scenario, pairs) -> {
      ScenarioMedians cluster = new ScenarioMedians(scenario, pairs.size(),
          Medians.of(pairs.stream().map(PairResult::bandwidth).toList()),
          Medians.of(pairs.stream().map(PairResult::latency).toList()));
      medians.add(cluster);
      OutlierRule rule = new OutlierRule(cluster, fraction);
      pairs.forEach(pair -> outlierPairs.addAll(rule.pairOutliers(pair)));
      for (NodeMedians node : NodeRows.medians(scenario, pairs)) {
        nodeMedians.add(node);
        outlierNodes.addAll(rule.nodeOutliers(node));
      }
    });
    outlierPairs.sort(Comparator.comparingDouble(OutlierRule::severity));
    List<NodeMedians> boundedNodes = outliersFirst(nodeMedians, outlierNodes, NodeMedians::node, Outlier::node,
        MAX_NODE_MEDIANS);
    List<PairResult> boundedPairs = boundedPairs(results, outlierPairs);
    outlierNodes.sort(Comparator.comparingDouble(OutlierRule::severity));
    boolean nodesCut = boundedNodes.size() < nodeMedians.size() || outlierNodes.size() > MAX_NODE_MEDIANS;
    return new MatrixSummary(List.copyOf(medians), boundedNodes, nodesCut,
        List.copyOf(outlierPairs.subList(0, Math.min(MAX_PAIRS, outlierPairs.size()))),
        List.copyOf(outlierNodes.subList(0, Math.min(MAX_NODE_MEDIANS, outlierNodes.size()))),
        boundedPairs, boundedPairs.size() < results.size() || outlierPairs.size() > MAX_PAIRS,
        verdict(results, spec, !outlierPairs.isEmpty() || !outlierNodes.isEmpty()));
  }

  /** Failed runs, then outliers (worst first), then the rest in the order given; at most {@link #MAX_PAIRS}. */
  private static List<PairResult> boundedPairs(List<PairResult> results, List<Outlier> outlierPairs) {
    Map<PairKey, Integer> outlierRank = new HashMap<>();
    outlierPairs.forEach(o -> outlierRank.putIfAbsent(new PairKey(o.src(), o.dst(), o.scenario()), outlierRank.size()));
    PairResult[] outlying = new PairResult[outlierRank.size()];
    List<PairResult> failed = new ArrayList<>();
    for (PairResult r : results) {
      Integer rank = outlierRank.get(new PairKey(r.src(), r.dst(), r.scenario()));
      if (r.failed()) {
        failed.add(r);
      } else if (rank != null) {
        outlying[rank] = r;
      }
    }
    Set<PairResult> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    List<PairResult> ordered = new ArrayList<>(MAX_PAIRS);
    Stream.concat(Stream.concat(failed.stream(), Arrays.stream(outlying).filter(Objects::nonNull)), results.stream())
        .filter(kept::add)
        .limit(MAX_PAIRS)
        .forEach(ordered::add);
    return List.copyOf(ordered);
  }

  private record PairKey(String src, String dst, Scenario scenario) {}

  private static <T> List<T> outliersFirst(List<T> all, List<Outlier> outliers, Function<T, String> name,
      Function<Outlier, String> outlierName, int limit) {
    Set<String> outlying = outliers.stream().map(outlierName).collect(Collectors.toSet());
    List<T> ordered = new ArrayList<>(all.stream().filter(t -> outlying.contains(name.apply(t))).toList());
    all.stream().filter(t -> !outlying.contains(name.apply(t))).forEach(ordered::add);
    return List.copyOf(ordered.subList(0, Math.min(limit, ordered.size())));
  }

  /**
   * Failed when a pair's run failed or, with thresholds in the template, a pair missed one;
   * Degraded when some pair or node is an outlier; Passed otherwise. Null without results.
   */
  static MatrixVerdict verdict(List<PairResult> results, QperfMatrixSpec spec, boolean outliers) {
    if (results.isEmpty()) {
      return null;
    }
    boolean thresholds = spec.template() != null && spec.template().thresholds() != null
        && !spec.template().thresholds().isEmpty();
    boolean failed = results.stream().anyMatch(r -> r.failed() || thresholds && r.verdict() == Verdict.Outcome.Failed);
    return failed ? MatrixVerdict.Failed : outliers ? MatrixVerdict.Degraded : MatrixVerdict.Passed;
  }
}

package dev.kubectlqperf.model.matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a matrix: (nodes, spec) → rounds of node-disjoint pairs. Pure and deterministic: the
 * nodes are taken sorted by name (duplicates dropped, the first {@code maxNodes} kept), so the
 * same input always gives the same plan. Scenarios run one after the other, each on the same
 * sequence of rounds: two scenarios of one pair would share its nodes.
 */
public final class MatrixPlanner {

  /** Beyond this (about 10 000 nodes) all pairs would not fit in int-indexed arrays, nor in anyone's patience. */
  static final long MAX_ALL_PAIRS = 100_000_000L;

  private MatrixPlanner() {}

  public static MatrixPlan plan(List<MatrixNode> candidates, QperfMatrixSpec spec) {
    List<MatrixNode> nodes = chooseNodes(candidates, spec.maxNodes());
    int n = nodes.size();
    if (spec.effectivePairs() == PairMode.All && (long) n * n > MAX_ALL_PAIRS) {
      throw new IllegalArgumentException(n + " nodes make " + (long) n * (n - 1) + " ordered pairs; use pairs: Sample "
          + "or maxNodes");
    }
    PairSequence order = spec.effectivePairs() == PairMode.Sample
        ? PairOrder.shifts(n, spec.effectiveSamplesPerNode(), spec.effectiveIncludeSameNode())
        : PairOrder.allPairs(n, spec.effectiveIncludeSameNode());
    return new MatrixPlan(nodes, spec.effectiveScenarios(), RoundPacker.pack(order, n, spec.effectiveConcurrency()));
  }

  /** Sorted by name, one per name, at most {@code maxNodes}: a deterministic choice. */
  public static List<MatrixNode> chooseNodes(List<MatrixNode> candidates, Integer maxNodes) {
    Map<String, MatrixNode> byName = new LinkedHashMap<>();
    candidates.stream().sorted().forEach(node -> byName.putIfAbsent(node.name(), node));
    List<MatrixNode> sorted = List.copyOf(byName.values());
    return maxNodes == null || maxNodes >= sorted.size() ? sorted : sorted.subList(0, Math.max(0, maxNodes));
  }
}

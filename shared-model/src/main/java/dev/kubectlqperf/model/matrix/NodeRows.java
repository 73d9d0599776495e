package dev.kubectlqperf.model.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Each node's row (pairs it is the client of) and column (pairs it serves) in one scenario, as medians. */
final class NodeRows {

  private NodeRows() {}

  /** Sorted by node name. */
  static List<NodeMedians> medians(Scenario scenario, List<PairResult> pairs) {
    Map<String, Lines> byNode = new TreeMap<>();
    for (PairResult pair : pairs) {
      Lines row = byNode.computeIfAbsent(pair.src(), n -> new Lines());
      row.rowBandwidth.add(pair.bandwidth());
      row.rowLatency.add(pair.latency());
      Lines column = byNode.computeIfAbsent(pair.dst(), n -> new Lines());
      column.columnBandwidth.add(pair.bandwidth());
      column.columnLatency.add(pair.latency());
    }
    List<NodeMedians> medians = new ArrayList<>(byNode.size());
    byNode.forEach((node, lines) -> medians.add(new NodeMedians(node, scenario, Medians.of(lines.rowBandwidth),
        Medians.of(lines.columnBandwidth), Medians.of(lines.rowLatency), Medians.of(lines.columnLatency))));
    return medians;
  }

  private static final class Lines {
    final List<Double> rowBandwidth = new ArrayList<>();
    final List<Double> rowLatency = new ArrayList<>();
    final List<Double> columnBandwidth = new ArrayList<>();
    final List<Double> columnLatency = new ArrayList<>();
  }
}

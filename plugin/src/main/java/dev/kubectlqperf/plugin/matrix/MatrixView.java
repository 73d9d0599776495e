package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import java.util.List;
import java.util.Locale;

/** A matrix as text: its headline, progress, heatmaps and outliers; its pairs as CSV. Pure. */
final class MatrixView {

  private MatrixView() {}

  /** {@code round 2/6: 4/12 pair runs done, 1 failed} ({@code 6 rounds: …} once ended), or the phase before round 1. */
  static String progressLine(QperfMatrix matrix) {
    QperfMatrixStatus s = matrix.getStatus();
    if (s == null || s.getProgress() == null) {
      return matrix.getMetadata().getName() + ": " + (s == null || s.getPhase() == null ? "Pending" : s.getPhase())
          + (s != null && s.getMessage() != null ? " (" + s.getMessage() + ")" : "");
    }
    MatrixProgress p = s.getProgress();
    String rounds = s.getPhase() != null && s.getPhase().isFinal() ? p.totalRounds() + " rounds"
        : "round " + p.currentRound() + "/" + p.totalRounds();
    return matrix.getMetadata().getName() + ": " + s.getPhase() + ", " + rounds + ": " + p.done() + "/" + p.total()
        + " pair runs done" + (p.failed() == null ? "" : ", " + p.failed() + " failed");
  }

  /** Headline, heatmaps (rows client, columns server) and the outliers. */
  static String text(QperfMatrix matrix, List<PairResult> pairs, boolean colour) {
    QperfMatrixStatus s = matrix.getStatus() == null ? new QperfMatrixStatus() : matrix.getStatus();
    StringBuilder out = new StringBuilder(progressLine(matrix)).append('\n');
    if (s.getVerdict() != null) {
      out.append("verdict: ").append(s.getVerdict()).append('\n');
    }
    if (s.getMessage() != null && s.getProgress() != null) {
      out.append(s.getMessage()).append('\n');
    }
    out.append('\n');
    List<String> nodes = s.getNodes() != null ? s.getNodes().stream().map(MatrixNode::name).toList()
        : MatrixHeatmap.nodesOf(pairs);
    out.append(MatrixHeatmap.render(nodes, pairs, colour));
    List<Outlier> outliers = s.getOutlierPairs() == null ? List.of() : s.getOutlierPairs();
    if (!outliers.isEmpty()) {
      out.append("outlier pairs (client -> server):\n");
      outliers.forEach(o -> out.append("  ").append(o.src()).append(" -> ").append(o.dst()).append("  ")
          .append(o.scenario()).append(' ').append(o.metric()).append(' ').append(number(o.value()))
          .append(" (cluster median ").append(number(o.clusterMedian())).append(")\n"));
    }
    return out.toString();
  }

  static String csv(List<PairResult> pairs) {
    StringBuilder out = new StringBuilder("scenario,src,dst,phase,bandwidth_bytes_per_second,latency_seconds,child\n");
    for (PairResult p : pairs) {
      out.append(p.scenario()).append(',').append(p.src()).append(',').append(p.dst()).append(',')
          .append(p.phase() == null ? "" : p.phase()).append(',')
          .append(p.bandwidth() == null ? "" : number(p.bandwidth())).append(',')
          .append(p.latency() == null ? "" : number(p.latency())).append(',')
          .append(p.child() == null ? "" : p.child()).append('\n');
    }
    return out.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}

package dev.kubectlqperf.model.matrix;

import java.util.List;

/** What {@link MatrixSummarizer} makes of the pair results; every list is bounded. */
public record MatrixSummary(
    List<ScenarioMedians> medians,
    List<NodeMedians> nodeMedians,
    boolean nodeMediansTruncated,
    List<Outlier> outlierPairs,
    List<Outlier> outlierNodes,
    List<PairResult> pairs,
    boolean pairsTruncated,
    MatrixVerdict verdict) {

  /** Writes the summary into the status (absent flags stay absent) and returns the status. */
  public QperfMatrixStatus applyTo(QperfMatrixStatus status) {
    return status.setMedians(medians)
        .setNodeMedians(nodeMedians)
        .setOutlierPairs(outlierPairs)
        .setOutlierNodes(outlierNodes)
        .setPairs(pairs)
        .setPairsTruncated(pairsTruncated ? Boolean.TRUE : null)
        .setNodeMediansTruncated(nodeMediansTruncated ? Boolean.TRUE : null)
        .setVerdict(verdict);
  }
}

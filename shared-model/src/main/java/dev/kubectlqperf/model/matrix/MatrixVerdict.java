package dev.kubectlqperf.model.matrix;

/** The matrix's overall judgement. */
public enum MatrixVerdict {
  /** Every pair ran, met the template's thresholds (if any), and none is an outlier. */
  Passed,
  /** Every pair ran and met the thresholds, but some pair or node is an outlier. */
  Degraded,
  /** Some pair's run failed, or some pair missed a threshold of the template. */
  Failed
}

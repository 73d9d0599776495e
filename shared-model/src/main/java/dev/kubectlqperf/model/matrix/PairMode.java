package dev.kubectlqperf.model.matrix;

/** Which ordered node pairs a matrix measures. */
public enum PairMode {
  /** Every ordered pair (src, dst) of distinct nodes: N(N-1) pairs. */
  All,
  /** A bounded sample: every node is client and server of samplesPerNode pairs each (N·K pairs). */
  Sample
}

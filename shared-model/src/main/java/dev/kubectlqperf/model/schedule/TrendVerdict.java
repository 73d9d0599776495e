package dev.kubectlqperf.model.schedule;

/** The latest completed run against the completed runs before it. */
public enum TrendVerdict {
  /** Fewer completed runs than the baseline needs. */
  InsufficientHistory,
  /** No headline metric moved beyond the noise. */
  Stable,
  /** At least one headline metric got worse beyond the noise. */
  Regressed,
  /** At least one got better beyond the noise, none worse. */
  Improved
}

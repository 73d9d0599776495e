package dev.kubectlqperf.model.compare;

import dev.kubectlqperf.model.result.MetricStatistics;

/**
 * How one metric moved from a baseline to a candidate run: the means, the relative change, and
 * whether the change is beyond the noise and for the worse.
 */
public record MetricChange(MetricStatistics baseline, MetricStatistics candidate, double changePercent,
    Noise noise, Outcome outcome) {

  /** What decided whether the change is noise. */
  public enum Noise {
    /** Both 95 % confidence intervals exist and do not overlap. */
    INTERVALS_APART,
    /** Both 95 % confidence intervals exist and overlap. */
    INTERVALS_OVERLAP,
    /** A side has one sample, no interval: the relative threshold decided; the change is beyond it. */
    BEYOND_THRESHOLD,
    /** A side has one sample, no interval: the relative threshold decided; the change is within it. */
    WITHIN_THRESHOLD
  }

  public enum Outcome { REGRESSION, IMPROVEMENT, UNCHANGED }

  public boolean isRegression() {
    return outcome == Outcome.REGRESSION;
  }
}

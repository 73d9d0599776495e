package dev.kubectlqperf.model.stats;

import dev.kubectlqperf.model.result.Summary;
import java.util.Arrays;

/** Descriptive statistics of a sample. Pure. */
public final class Statistics {

  private Statistics() {}

  /**
   * Count, mean, sample standard deviation, coefficient of variation, min, p50/p90/p99 (linear
   * interpolation between closest ranks, as NumPy's default and Excel's PERCENTILE.INC), max, and
   * the 95 % confidence interval of the mean from Student's t with n − 1 degrees of freedom.
   */
  public static Summary of(double... samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mean = Arrays.stream(sorted).sum() / n;
    Double stddev = null;
    Double cv = null;
    Double ciLow = null;
    Double ciHigh = null;
    if (n > 1) {
      double squares = Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum();
      double sd = Math.sqrt(squares / (n - 1));
      double halfWidth = StudentT.quantile975(n - 1) * sd / Math.sqrt(n);
      stddev = sd;
      cv = mean == 0 ? null : 100 * sd / Math.abs(mean);
      ciLow = mean - halfWidth;
      ciHigh = mean + halfWidth;
    }
    return new Summary(n, mean, stddev, cv, sorted[0], percentile(sorted, 0.50), percentile(sorted, 0.90),
        percentile(sorted, 0.99), sorted[n - 1], ciLow, ciHigh);
  }

  /** The p-quantile of sorted samples, interpolated between the two closest ranks. */
  static double percentile(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}

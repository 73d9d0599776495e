package dev.kubectlqperf.model.compare;

import dev.kubectlqperf.model.compare.MetricChange.Noise;
import dev.kubectlqperf.model.compare.MetricChange.Outcome;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.stats.ResultStatistics;
import dev.kubectlqperf.model.stats.StreamAggregation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a candidate run with a baseline, metric by metric, on the metrics that have a better
 * direction (more bandwidth and rate; less latency, cost and CPU). A change counts when it is beyond
 * the noise: the two 95 % confidence intervals do not overlap, or, where a side has a single sample
 * and so no interval, the relative change exceeds a threshold. When a side ran parallel streams,
 * the sums over the streams are compared too, as metric {@code <metric> sum} (a run of one stream
 * is its own sum), so N streams compare with one. Pure.
 */
public final class ResultComparison {

  private static final Set<String> HIGHER_IS_BETTER = Set.of("B/s", "1/s");
  private static final Set<String> LOWER_IS_BETTER = Set.of("s", "s/GB", "%cpu");

  private ResultComparison() {}

  public static List<MetricChange> compare(QperfResult baseline, QperfResult candidate, double thresholdPercent) {
    List<MetricChange> changes = new ArrayList<>();
    boolean sums = baseline.parallel() || candidate.parallel();
    List<MetricStatistics> candidates = statisticsOf(candidate, sums);
    for (MetricStatistics b : statisticsOf(baseline, sums)) {
      if (!hasDirection(b.unit())) {
        continue;
      }
      candidates.stream().filter(c -> sameMeasurement(b, c)).findFirst()
          .ifPresent(c -> changes.add(change(b, c, thresholdPercent)));
    }
    return changes;
  }

  /** A v1 document has no statistics: they are computed from its blocks. */
  private static List<MetricStatistics> statisticsOf(QperfResult result) {
    return result.statistics() != null && !result.statistics().isEmpty() ? result.statistics()
        : ResultStatistics.of(result.tests());
  }

  /** The statistics, and with {@code sums} those of the sums over the streams as {@code <metric> sum}. */
  private static List<MetricStatistics> statisticsOf(QperfResult result, boolean sums) {
    List<MetricStatistics> all = new ArrayList<>(statisticsOf(result));
    if (sums) {
      List<MetricStatistics> totals = result.parallel() && result.aggregateStatistics() != null
          ? result.aggregateStatistics()
          : all.stream().filter(s -> StreamAggregation.SUMMABLE_UNITS.contains(s.unit())).toList();
      totals.forEach(s -> all.add(new MetricStatistics(s.test(), s.loop(), s.occurrence(), s.metric() + " sum",
          s.unit(), s.count(), s.mean(), s.stddev(), s.cvPercent(), s.min(), s.p50(), s.p90(), s.p99(), s.max(),
          s.ci95Low(), s.ci95High())));
    }
    return all;
  }

  /** The statistics of the candidate that have no counterpart in the baseline, e.g. a new test. */
  public static List<MetricStatistics> unmatched(QperfResult baseline, QperfResult candidate) {
    boolean sums = baseline.parallel() || candidate.parallel();
    List<MetricStatistics> baselines = statisticsOf(baseline, sums);
    return statisticsOf(candidate, sums).stream()
        .filter(c -> baselines.stream().noneMatch(b -> sameMeasurement(b, c))).toList();
  }

  /** Whether a metric of this unit has a better direction, and so can regress. */
  public static boolean hasDirection(String unit) {
    return HIGHER_IS_BETTER.contains(unit) || LOWER_IS_BETTER.contains(unit);
  }

  /** How one metric moved from {@code b} to {@code c} (same metric, a unit with a direction). */
  public static MetricChange change(MetricStatistics b, MetricStatistics c, double thresholdPercent) {
    double changePercent = b.mean() == 0 ? (c.mean() == 0 ? 0 : Double.POSITIVE_INFINITY)
        : 100 * (c.mean() - b.mean()) / Math.abs(b.mean());
    Noise noise;
    if (b.ci95Low() != null && c.ci95Low() != null) {
      boolean apart = c.ci95High() < b.ci95Low() || c.ci95Low() > b.ci95High();
      noise = apart ? Noise.INTERVALS_APART : Noise.INTERVALS_OVERLAP;
    } else {
      noise = Math.abs(changePercent) > thresholdPercent ? Noise.BEYOND_THRESHOLD : Noise.WITHIN_THRESHOLD;
    }
    Outcome outcome = Outcome.UNCHANGED;
    if (noise == Noise.INTERVALS_APART || noise == Noise.BEYOND_THRESHOLD) {
      boolean worse = HIGHER_IS_BETTER.contains(b.unit()) ? c.mean() < b.mean() : c.mean() > b.mean();
      outcome = worse ? Outcome.REGRESSION : Outcome.IMPROVEMENT;
    }
    return new MetricChange(b, c, changePercent, noise, outcome);
  }

  private static boolean sameMeasurement(MetricStatistics a, MetricStatistics b) {
    return a.test().equals(b.test()) && a.metric().equals(b.metric()) && Objects.equals(a.unit(), b.unit())
        && Objects.equals(orEmpty(a.loop()), orEmpty(b.loop())) && Objects.equals(a.occurrence(), b.occurrence());
  }

  private static Map<String, String> orEmpty(Map<String, String> loop) {
    return loop == null ? Map.of() : loop;
  }
}

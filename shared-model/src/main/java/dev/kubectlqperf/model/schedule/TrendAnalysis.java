package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.compare.MetricChange;
import dev.kubectlqperf.model.compare.ResultComparison;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.Summary;
import dev.kubectlqperf.model.stats.Statistics;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The trend of a schedule: its latest completed run against a baseline of the K completed runs
 * before it, with {@code compare}'s rule ({@link ResultComparison#change}). The baseline of a
 * metric is the distribution of those runs' means, so its 95 % confidence interval is the spread
 * from run to run; the latest run's interval is its own over its repetitions. Where the latest
 * run has one repetition (no interval), a change beyond the threshold counts. Pure.
 */
public final class TrendAnalysis {

  private TrendAnalysis() {}

  /**
   * @param runs the history, newest first
   * @param previous the trend before this pass (its {@code since} is kept while the verdict stays); may be null
   */
  public static Trend of(List<RunSummary> runs, int baselineRuns, double thresholdPercent, Trend previous) {
    List<RunSummary> completed = runs.stream().filter(r -> r.completed() && r.metrics() != null).toList();
    if (completed.size() < baselineRuns + 1) {
      return Trend.insufficient(Math.max(0, completed.size() - 1), baselineRuns);
    }
    RunSummary latest = completed.get(0);
    List<RunSummary> baseline = completed.subList(1, baselineRuns + 1);
    List<MetricChange> changes = latest.metrics().stream()
        .filter(m -> ResultComparison.hasDirection(m.unit()))
        .map(m -> change(m, baseline, thresholdPercent)).flatMap(Optional::stream).toList();
    Optional<MetricChange> worst = largest(changes, MetricChange.Outcome.REGRESSION);
    Optional<MetricChange> best = largest(changes, MetricChange.Outcome.IMPROVEMENT);
    TrendVerdict verdict = worst.isPresent() ? TrendVerdict.Regressed
        : best.isPresent() ? TrendVerdict.Improved : TrendVerdict.Stable;
    String since = previous != null && previous.verdict() == verdict && previous.since() != null ? previous.since()
        : latest.scheduledTime();
    MetricChange moved = worst.or(() -> best).orElse(null);
    if (moved == null) {
      return new Trend(verdict, null, null, null, null, null, since, latest.name(), baseline.size(),
          "no headline metric of " + latest.name() + " moved beyond the noise of the " + baseline.size()
              + " runs before");
    }
    String label = moved.baseline().test() + " " + moved.baseline().metric();
    String message = String.format(Locale.ROOT, "%s %s %+.1f %% (%s → %s) in %s against the %d runs before",
        label, verdict == TrendVerdict.Regressed ? "regressed" : "improved", moved.changePercent(),
        Quantities.format(moved.baseline().mean(), moved.baseline().unit()),
        Quantities.format(moved.candidate().mean(), moved.baseline().unit()), latest.name(), baseline.size());
    return new Trend(verdict, label, round(moved.changePercent()), moved.baseline().mean(), moved.candidate().mean(),
        moved.baseline().unit(), since, latest.name(), baseline.size(), message);
  }

  private static Optional<MetricChange> change(RunMetric latest, List<RunSummary> baseline, double thresholdPercent) {
    double[] means = baseline.stream().map(r -> r.metrics().stream().filter(m -> same(m, latest)).findFirst())
        .flatMap(Optional::stream).mapToDouble(RunMetric::mean).toArray();
    if (means.length == 0) {
      return Optional.empty();
    }
    Summary s = Statistics.of(means);
    MetricStatistics b = MetricStatistics.of(latest.test(), null, null, latest.metric(), latest.unit(), s);
    MetricStatistics c = new MetricStatistics(latest.test(), null, null, latest.metric(), latest.unit(),
        latest.count(), latest.mean(), null, null, latest.mean(), latest.mean(), latest.mean(), latest.mean(),
        latest.mean(), latest.ci95Low(), latest.ci95High());
    return Optional.of(ResultComparison.change(b, c, thresholdPercent));
  }

  private static boolean same(RunMetric a, RunMetric b) {
    return a.test().equals(b.test()) && a.metric().equals(b.metric()) && Objects.equals(a.unit(), b.unit());
  }

  private static Optional<MetricChange> largest(List<MetricChange> changes, MetricChange.Outcome outcome) {
    return changes.stream().filter(c -> c.outcome() == outcome)
        .max(Comparator.comparingDouble(c -> Math.abs(c.changePercent())));
  }

  /** One decimal; null for an infinite change (from a zero baseline), which JSON cannot carry. */
  private static Double round(double percent) {
    return Double.isFinite(percent) ? Double.valueOf(Math.round(percent * 10) / 10.0) : null;
  }
}

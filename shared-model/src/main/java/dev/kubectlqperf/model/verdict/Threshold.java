package dev.kubectlqperf.model.verdict;

/**
 * One rule of {@code spec.thresholds}, parsed: e.g. {@code tcp_lat latency p99 at most 50 us}.
 * A null {@code test} applies to every test that has the metric; a null {@code metric} (only for
 * {@code cv}) to every headline metric. {@code limit} is in the metric's base unit ({@code unit}),
 * or in % for cv. {@code sum} rules judge the sum over a run's parallel streams ({@code tcp_bw bw sum
 * at least 3 GB/sec}): its statistic over the repetitions; a run of one stream is its own sum.
 */
public record Threshold(String text, String test, String metric, Statistic statistic, Comparison comparison,
    double limit, String unit, boolean sum) {

  public Threshold(String text, String test, String metric, Statistic statistic, Comparison comparison, double limit,
      String unit) {
    this(text, test, metric, statistic, comparison, limit, unit, false);
  }
}

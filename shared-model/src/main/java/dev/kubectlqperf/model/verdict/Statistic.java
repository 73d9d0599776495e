package dev.kubectlqperf.model.verdict;

import dev.kubectlqperf.model.result.MetricStatistics;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** Which number of a metric's distribution a threshold judges. */
public enum Statistic {
  MEAN("mean", MetricStatistics::mean),
  MIN("min", MetricStatistics::min),
  MAX("max", MetricStatistics::max),
  P50("p50", MetricStatistics::p50),
  P90("p90", MetricStatistics::p90),
  P99("p99", MetricStatistics::p99),
  STDDEV("sd", MetricStatistics::stddev),
  CV("cv", MetricStatistics::cvPercent);

  private final String word;
  private final Function<MetricStatistics, Double> value;

  Statistic(String word, Function<MetricStatistics, Double> value) {
    this.word = word;
    this.value = value;
  }

  public String word() {
    return word;
  }

  /** Null when the samples cannot give it (a deviation of one sample). */
  public Double of(MetricStatistics stats) {
    return value.apply(stats);
  }

  static Optional<Statistic> byWord(String word) {
    String w = word.equals("stddev") ? "sd" : word;
    return Arrays.stream(values()).filter(s -> s.word.equals(w)).findFirst();
  }
}

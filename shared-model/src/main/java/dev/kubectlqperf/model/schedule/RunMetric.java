package dev.kubectlqperf.model.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kubectlqperf.model.result.MetricStatistics;

/**
 * One headline number of a run, in its base unit: the mean over the run's repetitions with its
 * 95 % confidence interval (absent for a single sample), enough to compare runs later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMetric(String test, String metric, String unit, int count, double mean, Double ci95Low,
    Double ci95High) {

  public static RunMetric of(MetricStatistics s) {
    return new RunMetric(s.test(), s.metric(), s.unit(), s.count(), s.mean(), s.ci95Low(), s.ci95High());
  }

  /** e.g. {@code tcp_bw bw}. */
  @JsonIgnore
  public String label() {
    return test + " " + metric;
  }
}

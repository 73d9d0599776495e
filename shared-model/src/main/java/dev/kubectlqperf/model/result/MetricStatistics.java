package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The distribution of one metric of one test over every block that measured the same thing: the
 * repetitions of a run, and {@code -oo} loop iterations with the same loop values. Values are in
 * the metric's base unit; {@code cvPercent} is the standard deviation in % of the mean.
 * {@code occurrence} tells apart blocks of a test that qperf printed several times per repetition
 * without loop values (a loop without {@code -vu}): the n-th such block of every repetition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricStatistics(
    String test,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> loop,
    Integer occurrence,
    String metric,
    String unit,
    int count,
    double mean,
    Double stddev,
    Double cvPercent,
    double min,
    double p50,
    double p90,
    double p99,
    double max,
    Double ci95Low,
    Double ci95High) {

  public static MetricStatistics of(String test, Map<String, String> loop, Integer occurrence, String metric,
      String unit, Summary s) {
    Map<String, String> loopValues = loop == null || loop.isEmpty() ? null
        : Collections.unmodifiableMap(new LinkedHashMap<>(loop));
    return new MetricStatistics(test, loopValues, occurrence, metric, unit, s.count(), s.mean(), s.stddev(),
        s.cvPercent(), s.min(), s.p50(), s.p90(), s.p99(), s.max(), s.ci95Low(), s.ci95High());
  }

  /** What the samples were: the test, and its loop values or occurrence, e.g. {@code tcp_lat [msg_size=1 KB]}. */
  @JsonIgnore
  public String label() {
    StringBuilder label = new StringBuilder(test);
    if (loop != null && !loop.isEmpty()) {
      label.append(' ').append(loop.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ", "[", "]")));
    }
    if (occurrence != null) {
      label.append(" #").append(occurrence);
    }
    return label.toString();
  }
}

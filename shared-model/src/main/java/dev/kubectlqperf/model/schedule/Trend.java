package dev.kubectlqperf.model.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The trend verdict and, when a metric moved, which one, by how much, and since when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trend(
    TrendVerdict verdict,
    @JsonPropertyDescription("The metric that moved most, e.g. 'tcp_bw bw'.") String metric,
    @JsonPropertyDescription("Its change in % of the baseline mean.") Double changePercent,
    @JsonPropertyDescription("The baseline mean of that metric, in its unit.") Double baseline,
    @JsonPropertyDescription("The latest run's mean of that metric.") Double latest,
    String unit,
    @JsonPropertyDescription("When the verdict became what it is: the scheduled time of the first run with it.")
        String since,
    @JsonPropertyDescription("The run judged.") String latestRun,
    @JsonPropertyDescription("How many completed runs made the baseline.") Integer baselineRuns,
    String message) {

  public static Trend insufficient(int have, int need) {
    return new Trend(TrendVerdict.InsufficientHistory, null, null, null, null, null, null, null, have,
        have + " of " + need + " completed runs for a baseline, and a latest run to judge");
  }
}

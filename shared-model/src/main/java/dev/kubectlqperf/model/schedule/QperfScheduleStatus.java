package dev.kubectlqperf.model.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Observed state of a schedule, bounded whatever its age: at most {@link RunHistory#MAX_RUNS} runs.
 * Immutable; the pipeline builds the next one and writes it only when it differs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfScheduleStatus(
    List<Condition> conditions,
    Long observedGeneration,
    @JsonPropertyDescription("The due time of the last run created.") String lastScheduleTime,
    @JsonPropertyDescription("When the last completed run completed.") String lastSuccessfulTime,
    @JsonPropertyDescription("The next due time, unless suspended.") String nextScheduleTime,
    @JsonPropertyDescription("The runs not yet ended.") List<String> active,
    Integer activeCount,
    @JsonPropertyDescription("The last runs, newest first.") List<RunSummary> runs,
    Trend trend,
    @JsonPropertyDescription("Pending while a regressed trend is to be sent to the sinks (an InfluxDB point, a Slack message); Sent, or NotConfigured.")
        String trendNotification) {

  public static final String NOTIFICATION_PENDING = "Pending";
  public static final String NOTIFICATION_SENT = "Sent";
  public static final String NOTIFICATION_NOT_CONFIGURED = "NotConfigured";

  public static QperfScheduleStatus empty() {
    return new QperfScheduleStatus(null, null, null, null, null, null, null, null, null, null);
  }

  public List<RunSummary> runsOrEmpty() {
    return runs == null ? List.of() : runs;
  }

  public QperfScheduleStatus withTrendNotification(String state) {
    return new QperfScheduleStatus(conditions, observedGeneration, lastScheduleTime, lastSuccessfulTime,
        nextScheduleTime, active, activeCount, runs, trend, state);
  }
}

package dev.kubectlqperf.model.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubectlqperf.model.QperfPhase;
import java.util.List;

/** One run of a schedule as its history keeps it, after its child Qperf or QperfMatrix may be gone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    @JsonPropertyDescription("The child Qperf or QperfMatrix.") String name,
    @JsonPropertyDescription("The due time the run was created for.") String scheduledTime,
    String completionTime,
    QperfPhase phase,
    @JsonPropertyDescription("The run's own verdict: a Qperf's against its thresholds (Passed or Failed), when it has "
        + "any; a QperfMatrix's (Passed, Degraded or Failed).") String verdict,
    String reason,
    @JsonPropertyDescription("Headline metrics: mean and 95 % confidence interval; of a matrix, the cluster median of "
        + "each scenario (test is the scenario).") List<RunMetric> metrics) {

  @JsonIgnore
  public boolean completed() {
    return phase == QperfPhase.Completed;
  }

  @JsonIgnore
  public boolean ended() {
    return phase != null && phase.isFinal();
  }
}

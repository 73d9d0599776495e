package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.result.Verdict;

/** The headline of one pair's child run: what the matrix keeps of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairResult(
    @JsonPropertyDescription("The client's node.") String src,
    @JsonPropertyDescription("The server's node.") String dst,
    Scenario scenario,
    @JsonPropertyDescription("Headline bandwidth in bytes per second (median over repetitions).") Double bandwidth,
    @JsonPropertyDescription("Headline latency in seconds (median over repetitions).") Double latency,
    @JsonPropertyDescription("The child Qperf's name.") String child,
    @JsonPropertyDescription("The child run's phase.") QperfPhase phase,
    @JsonPropertyDescription("The child run's verdict against the template's thresholds.") Verdict.Outcome verdict) {

  /** A pair whose child completed with the given headline values. */
  public static PairResult completed(String src, String dst, Scenario scenario, Double bandwidth, Double latency) {
    return new PairResult(src, dst, scenario, bandwidth, latency, null, QperfPhase.Completed, null);
  }

  public PairResult withChild(String childName) {
    return new PairResult(src, dst, scenario, bandwidth, latency, childName, phase, verdict);
  }

  public PairResult withVerdict(Verdict.Outcome outcome) {
    return new PairResult(src, dst, scenario, bandwidth, latency, child, phase, outcome);
  }

  @JsonIgnore
  public boolean failed() {
    return phase == QperfPhase.Failed;
  }

  @JsonIgnore
  public boolean sameNode() {
    return src != null && src.equals(dst);
  }
}

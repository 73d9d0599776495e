package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** How far a matrix is. Rounds are 1-based; 0 before the first starts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixProgress(
    @JsonPropertyDescription("Pair runs that ended (completed or failed), over all scenarios.") int done,
    @JsonPropertyDescription("Pair runs of the plan, over all scenarios.") int total,
    @JsonPropertyDescription("Pair runs that failed.") Integer failed,
    @JsonPropertyDescription("The round now running (1-based); 0 before the first.") int currentRound,
    @JsonPropertyDescription("Rounds of the plan, over all scenarios.") int totalRounds) {

  /** Progress of a plan at {@code currentRound}, given the results of the pairs so far (ended ones count as done). */
  public static MatrixProgress of(MatrixPlan plan, List<PairResult> results, int currentRound) {
    int done = (int) results.stream().filter(r -> r.phase() != null && r.phase().isFinal()).count();
    int failed = (int) results.stream().filter(PairResult::failed).count();
    return new MatrixProgress(done, plan.pairCount(), failed == 0 ? null : failed, currentRound, plan.roundCount());
  }
}

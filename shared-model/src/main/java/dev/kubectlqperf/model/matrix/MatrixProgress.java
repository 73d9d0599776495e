package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far a matrix is. Rounds are 1-based; 0 before the first starts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixProgress(
    @JsonPropertyDescription("Pair runs that ended (completed or failed), over all scenarios.") int done,
    @JsonPropertyDescription("Pair runs of the plan, over all scenarios.") int total,
    @JsonPropertyDescription("Pair runs that failed.") Integer failed,
    @JsonPropertyDescription("The round now running (1-based); 0 before the first.") int currentRound,
    @JsonPropertyDescription("Rounds of the plan, over all scenarios.") int totalRounds) {}

package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The cluster's medians in one scenario: what outliers are measured against. The diagonal is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioMedians(
    Scenario scenario,
    @JsonPropertyDescription("Pairs with a result in this scenario.") int pairs,
    @JsonPropertyDescription("Median bandwidth over the pairs, bytes per second.") Double bandwidth,
    @JsonPropertyDescription("Median latency over the pairs, seconds.") Double latency) {}

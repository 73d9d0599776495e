package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One node's medians in one scenario: over its row (it is the client) and its column (it is the server). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeMedians(
    String node,
    Scenario scenario,
    @JsonPropertyDescription("Median bandwidth (B/s) of the pairs where this node is the client (its row).")
        Double bandwidthAsClient,
    @JsonPropertyDescription("Median bandwidth (B/s) of the pairs where this node is the server (its column).")
        Double bandwidthAsServer,
    @JsonPropertyDescription("Median latency (s) of the pairs where this node is the client (its row).")
        Double latencyAsClient,
    @JsonPropertyDescription("Median latency (s) of the pairs where this node is the server (its column).")
        Double latencyAsServer) {}

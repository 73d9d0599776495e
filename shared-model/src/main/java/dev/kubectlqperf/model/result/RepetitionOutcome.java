package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How one repetition (one client pod) of a run ended; its blocks are the tests with its number. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepetitionOutcome(int repetition, boolean ok, Integer exitCode, String clientNode, String endTime,
    String error) {}

package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one stream (one client process) of one repetition ended. {@code startOffsetSeconds} is how
 * long after the first stream of its repetition it started, from the start each client printed;
 * null when a client printed none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOutcome(int repetition, int stream, boolean ok, Integer exitCode, Double startOffsetSeconds,
    String error) {}

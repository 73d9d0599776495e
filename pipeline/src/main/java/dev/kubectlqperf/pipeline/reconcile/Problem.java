package dev.kubectlqperf.pipeline.reconcile;

/** Why a run cannot go on: a status reason (CamelCase) and a message for people. */
public record Problem(String reason, String message) {}

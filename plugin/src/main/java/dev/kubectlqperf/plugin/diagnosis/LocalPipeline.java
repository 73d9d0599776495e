package dev.kubectlqperf.plugin.diagnosis;

/**
 * A pipeline install.sh started as a local process, from what it recorded: its pid (alive), the
 * namespaces it watches ({@code *}: all), the KUBECONFIG it was started with (empty: the default),
 * and its default sinks (from its environment; null when unknown).
 */
public record LocalPipeline(long pid, String namespaces, String kubeconfig, String sinks) {}

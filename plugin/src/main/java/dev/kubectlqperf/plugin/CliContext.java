package dev.kubectlqperf.plugin;

import java.io.InputStream;

/**
 * What commands need from the outside world, injected through the constructor: standard input
 * and the cluster connection. Tests pass their own.
 */
public record CliContext(InputStream stdin, KubeConnection kube) {}

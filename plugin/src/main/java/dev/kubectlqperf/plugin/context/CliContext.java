package dev.kubectlqperf.plugin.context;

import dev.kubectlqperf.plugin.kube.KubeConnection;
import java.io.InputStream;

/**
 * What commands need from the outside world, injected through the constructor: standard input,
 * the cluster connection, and whether output goes to a terminal. Tests pass their own.
 */
public record CliContext(InputStream stdin, KubeConnection kube, boolean terminal) {}

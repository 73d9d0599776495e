package dev.kubectlqperf.plugin.kube;

/** Which cluster and namespace a command talks to, from kubectl's global flags. */
public record KubeTarget(String kubeconfig, String context, String namespace) {}

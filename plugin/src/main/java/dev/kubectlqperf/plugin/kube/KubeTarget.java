package dev.kubectlqperf.plugin.kube;

/** Which cluster and namespace a command talks to, and as whom, from kubectl's global flags. */
public record KubeTarget(String kubeconfig, String context, String namespace, ClientOverrides overrides) {

  /** Only kubeconfig, context and namespace: everything else as the kubeconfig says. */
  public KubeTarget(String kubeconfig, String context, String namespace) {
    this(kubeconfig, context, namespace, ClientOverrides.NONE);
  }
}

package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.plugin.kube.KubeTarget;
import picocli.CommandLine.Option;

/** kubectl's global flags, shared by every command that talks to a cluster. */
public final class KubeOptions {

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "Namespace (default: the context's namespace, else 'default').")
  String namespace;

  @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context to use.")
  String context;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, which may list several files, or ~/.kube/config).")
  String kubeconfig;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of unexpected errors.")
  boolean verbose;

  public KubeTarget target() {
    return new KubeTarget(kubeconfig, context, namespace);
  }
}

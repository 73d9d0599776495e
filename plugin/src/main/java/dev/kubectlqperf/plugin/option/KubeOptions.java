package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.plugin.kube.KubeTarget;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl's global flags. They sit on the top command and every subcommand inherits them, so
 * they go before or after the subcommand as with kubectl ({@code kubectl qperf -n NS get}). One
 * instance per command tree holds the values; the commands that talk to a cluster get it injected.
 */
public final class KubeOptions {

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", scope = ScopeType.INHERIT,
      description = "Namespace (default: the context's namespace, else 'default').")
  String namespace;

  @Option(names = "--context", paramLabel = "CONTEXT", scope = ScopeType.INHERIT,
      description = "The kubeconfig context to use.")
  String context;

  @Option(names = "--kubeconfig", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Path to the kubeconfig file (default: $KUBECONFIG, which may list several files, or ~/.kube/config).")
  String kubeconfig;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print stack traces of unexpected errors.")
  boolean verbose;

  public KubeTarget target() {
    return new KubeTarget(kubeconfig, context, namespace);
  }

  public boolean verbose() {
    return verbose;
  }
}

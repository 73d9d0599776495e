package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.plugin.kube.ClientOverrides;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

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

  /** Also {@code --server}, added by {@link #addServerFlag}: {@code logs --server} means the server's log. */
  @Option(names = "-s", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The API server's address, instead of the kubeconfig's (also --server, except on logs).")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
      description = "Bearer token for the API server, instead of the kubeconfig's credentials.")
  String token;

  @Option(names = "--as", paramLabel = "USER", scope = ScopeType.INHERIT,
      description = "Impersonate this user (or service account: system:serviceaccount:NS:NAME).")
  String as;

  @Option(names = "--as-group", paramLabel = "GROUP", scope = ScopeType.INHERIT,
      description = "Impersonate this group; repeatable.")
  List<String> asGroups;

  @Option(names = "--request-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = KubectlDuration.class,
      description = "How long to wait for one request: 30 (seconds), 30s, 1m, 0 (forever).")
  Duration requestTimeout;

  @Option(names = "--insecure-skip-tls-verify", scope = ScopeType.INHERIT,
      description = "Do not check the API server's certificate (insecure).")
  boolean insecureSkipTlsVerify;

  @Option(names = {"-v", "--v", "--verbose"}, paramLabel = "LEVEL", scope = ScopeType.INHERIT, arity = "0..1",
      parameterConsumer = Verbosity.class, defaultValue = "0",
      description = "Log level, as kubectl's -v=N; from 6 (or a bare -v) unexpected errors print their stack trace.")
  int verbosity;

  /**
   * kubectl's {@code --server URL} on every command of the tree whose own options do not use the
   * name already; picocli's inherited options cannot skip one subcommand.
   */
  public void addServerFlag(CommandLine command) {
    if (command.getCommandSpec().findOption("--server") == null) {
      command.getCommandSpec().addOption(OptionSpec.builder("--server").paramLabel("URL").type(String.class)
          .description("The API server's address, instead of the kubeconfig's.")
          .setter(new ISetter() {
            @Override
            public <T> T set(T value) {
              // picocli resets each command's own options to null as it reaches that command, which
              // would drop a --server typed before it; -s, inherited, resets the field once per call.
              if (value != null) {
                server = (String) value;
              }
              return null;
            }
          }).build());
    }
    command.getSubcommands().values().forEach(this::addServerFlag);
  }

  public KubeTarget target() {
    return new KubeTarget(kubeconfig, context, namespace,
        new ClientOverrides(server, token, as, asGroups, requestTimeout, insecureSkipTlsVerify));
  }

  public int verbosity() {
    return verbosity;
  }
}

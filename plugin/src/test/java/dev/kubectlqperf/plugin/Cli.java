package dev.kubectlqperf.plugin;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the real command tree in-process and captures what it prints. */
public final class Cli {

  public record Run(int exitCode, String out, String err) {}

  private final KubernetesClient client;

  public Cli(KubernetesClient client) {
    this.client = client;
  }

  public Run run(String... args) {
    return runWithInput("", args);
  }

  public Run runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new KubeConnection(target -> {
          if (client == null) {
            throw new IllegalStateException("this test has no cluster");
          }
          return client;
        }), false);
    int code = QperfCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}

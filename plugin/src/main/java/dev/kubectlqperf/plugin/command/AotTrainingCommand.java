package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.context.CommandTree;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Runs the common paths once, quietly: help, parse, a completion, and a get that builds a cluster client and
 * fails fast against a closed port. install.sh runs it to record the JVM's start-up cache.
 */
@Command(name = "aot-training", hidden = true)
public final class AotTrainingCommand implements Callable<Integer> {

  private static final String SAMPLE = "tcp_bw:\n    bw  =  1.81 GB/sec\n    msg_rate  =  27.6 K/sec\n"
      + "tcp_lat:\n    latency  =  6.99 us\n";

  private final CommandTree tree;

  AotTrainingCommand(CommandTree tree) {
    this.tree = tree;
  }

  @Override
  public Integer call() throws Exception {
    Path kubeconfig = Files.createTempFile("kubectl-qperf-training", ".yaml");
    try {
      Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"https://127.0.0.1:1\"}\n"
          + "  name: t\ncontexts:\n- context: {cluster: t, user: t, namespace: default}\n  name: t\n"
          + "current-context: t\nusers:\n- name: t\n  user: {token: t}\n");
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      try (KubeConnection kube = new KubeConnection()) {
        CliContext context = new CliContext(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)), kube,
            false);
        CommandLine cli = tree.build(context, quiet, quiet);
        cli.execute("--help");
        cli.execute("parse", "-", "-o", "table");
        cli.execute("__complete", "get", "-");
        cli.execute("get", "--kubeconfig", kubeconfig.toString());
        cli.execute("get", "x", "-o", "json", "--kubeconfig", kubeconfig.toString());
      }
    } finally {
      Files.deleteIfExists(kubeconfig);
    }
    return 0;
  }
}

package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import dev.kubectlqperf.plugin.QperfCli;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** kubectl's global flags go before or after the subcommand, as kubectl takes them. */
@EnableKubernetesMockClient(crud = true)
class GlobalFlagsMockTest {

  KubernetesClient client;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    cli = new Cli(client);
    assertEquals(0, cli.run("create", "a", "-n", "bench", "--tests", "tcp_bw").exitCode());
  }

  @Test
  void namespaceBeforeTheSubcommand() {
    Cli.Run before = cli.run("-n", "bench", "get", "-o", "name");
    assertEquals(0, before.exitCode(), before.err());
    assertEquals("qperf.perf.kubestone.xridge.io/a\n", before.out());
    assertEquals(before.out(), cli.run("get", "-o", "name", "--namespace", "bench").out(), "after it, as before");
    assertEquals(0, cli.run("--namespace=bench", "describe", "a").exitCode());
    assertEquals(3, cli.run("-n", "elsewhere", "describe", "a").exitCode(), "the flag is obeyed, not ignored");
  }

  @Test
  void everySubcommandTakesHelp() {
    Cli.Run help = cli.run("get", "--help");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: kubectl qperf get"), help.out());
    assertTrue(help.out().contains("--namespace=NAMESPACE"), "the global flags are listed: " + help.out());
    assertEquals(0, cli.run("describe", "-h").exitCode());
  }

  @Test
  void aReusedCommandTreeForgetsTheFlagsOfThePreviousCommand() {
    StringWriter out = new StringWriter();
    CliContext context = new CliContext(InputStream.nullInputStream(), new KubeConnection(target -> client), false);
    CommandLine tree = QperfCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    assertEquals(0, tree.execute("-n", "bench", "get", "a", "-o", "name"));
    assertEquals(3, tree.execute("get", "a", "-o", "name"), "the client's own namespace, not bench: " + out);
  }
}

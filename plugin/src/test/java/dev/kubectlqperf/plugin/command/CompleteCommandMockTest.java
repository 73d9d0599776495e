package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cobra's __complete protocol, as kubectl asks kubectl_complete-qperf: candidates, then :DIRECTIVE. */
@EnableKubernetesMockClient(crud = true)
class CompleteCommandMockTest {

  KubernetesClient client;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    cli = new Cli(client);
    assertEquals(0, cli.run("create", "alpha", "-n", "bench", "--tests", "tcp_bw").exitCode());
    assertEquals(0, cli.run("create", "beta", "-n", "bench", "--tests", "tcp_bw").exitCode());
  }

  private List<String> complete(String... words) {
    String[] args = new String[words.length + 1];
    args[0] = "__complete";
    System.arraycopy(words, 0, args, 1, words.length);
    Cli.Run run = cli.run(args);
    assertEquals(0, run.exitCode(), run.err());
    return run.out().lines().toList();
  }

  @Test
  void subcommandsFirstWithoutFilesAndWithoutHiddenOnes() {
    List<String> lines = complete("");
    assertTrue(lines.containsAll(List.of("create", "get", "describe", "logs", "results", "delete", "shell")), lines.toString());
    assertFalse(lines.contains("__complete") || lines.contains("aot-training"), lines.toString());
    assertEquals(":4", lines.get(lines.size() - 1));
    assertEquals(List.of("describe", "delete", ":4"), complete("de"), "in the order help lists them");
  }

  @Test
  void theMatrixSubcommandsAndTheirOptions() {
    assertTrue(complete("").contains("matrix"));
    List<String> lines = complete("matrix", "");
    assertTrue(lines.containsAll(List.of("create", "get")), lines.toString());
    assertEquals(List.of("get", ":4"), complete("-n", "bench", "matrix", "g"));
    List<String> options = complete("matrix", "create", "--");
    assertTrue(options.containsAll(List.of("--nodes", "--scenario", "--concurrency", "--wait", "--namespace")),
        options.toString());
    assertTrue(complete("matrix", "get", "--").contains("--output"));
  }

  @Test
  void optionsOfTheCommandIncludingTheGlobalOnes() {
    List<String> lines = complete("get", "--");
    assertTrue(lines.containsAll(List.of("--output", "--watch", "--namespace", "--context", "--as")), lines.toString());
    assertFalse(lines.contains("-o"), "only what starts with --");
    assertEquals(List.of("table", ":4"), complete("get", "-o", "ta"));
    assertEquals(List.of("table", "wide", "name", "json", "yaml", "csv", "html", ":4"), complete("results", "-o", ""));
  }

  @Test
  void runNamesWhereACommandTakesOneInTheNamespaceTyped() {
    assertEquals(List.of("alpha", "beta", ":4"), complete("describe", "-n", "bench", ""));
    assertEquals(List.of("beta", ":4"), complete("--namespace=bench", "logs", "b"));
    assertEquals(List.of(":4"), complete("describe", "-n", "empty", ""));
  }

  @Test
  void filesWhereAFileIsExpected() {
    assertEquals(List.of(":0"), complete("create", "-f", ""));
    assertEquals(List.of(":0"), complete("parse", ""));
    assertEquals(List.of(":4"), complete("get", "-n", ""), "a namespace is not a file");
  }
}

package dev.kubectlqperf.plugin.matrix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class MatrixCommandsMockTest {

  private static final String NS = "bench";
  KubernetesClient client;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    for (String crd : List.of("qperves", "qperfmatrices")) {
      try (InputStream in = getClass().getResourceAsStream("/crd/" + crd + ".perf.kubestone.xridge.io.yaml")) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      }
    }
    cli = new Cli(client);
  }

  @Test
  void createWritesTheSpecFromTheFlags() {
    Cli.Run run = cli.run("matrix", "create", "net", "-n", NS, "--nodes", "pool=bench,zone=a", "--scenario", "PodToPod",
        "--scenario", "ClusterIP", "--tests", "tcp_lat", "--options", "-t 2", "--concurrency", "2", "--ip-family", "IPv6");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("qperfmatrix.perf.kubestone.xridge.io/net created\n", run.out());
    QperfMatrix m = client.resources(QperfMatrix.class).inNamespace(NS).withName("net").get();
    assertEquals(Map.of("pool", "bench", "zone", "a"), m.getSpec().nodeSelector());
    assertEquals(List.of(Scenario.PodToPod, Scenario.ClusterIP), m.getSpec().scenarios());
    assertEquals(List.of("tcp_lat"), m.getSpec().template().tests());
    assertEquals("-t 2", m.getSpec().template().options());
    assertEquals(2, m.getSpec().concurrency());
    assertEquals(IpFamily.IPv6, m.getSpec().template().ipFamily(), "every pair's child carries it");
  }

  @Test
  void aSetBasedSelectorIsAUsageError() {
    Cli.Run run = cli.run("matrix", "create", "net", "-n", NS, "--nodes", "pool!=bench");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("matchExpressions"), run.err());
  }

  @Test
  void getShowsProgressVerdictAndTheHeatmapFromTheChildren() {
    QperfMatrix m = completedMatrix();

    Cli.Run run = cli.run("matrix", "get", "net", "-n", NS);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("net: Completed, 2 rounds: 2/2 pair runs done\nverdict: Passed\n"), run.out());
    assertTrue(run.out().contains("PodToPod bandwidth (GB/s)"), run.out());
    assertTrue(run.out().contains("a              -     2.00\nb              1.00  -   \n"), run.out());
    assertFalse(run.out().contains("\u001b"), "no colour off a terminal");
    assertEquals(run.out(), cli.run("matrix", "net", "-n", NS).out(), "matrix NAME is matrix get NAME");
  }

  @Test
  void csvHasOneLinePerPair() {
    completedMatrix();

    Cli.Run run = cli.run("matrix", "net", "-n", NS, "-o", "csv");

    List<String> lines = run.out().lines().toList();
    assertEquals("scenario,src,dst,phase,bandwidth_bytes_per_second,latency_seconds,child", lines.get(0));
    assertEquals(3, lines.size(), run.out());
    assertTrue(lines.get(1).startsWith("PodToPod,a,b,Completed,2.00000e+09,,net-pp-a-b-"), lines.get(1));
  }

  @Test
  void createWaitFollowsTheMatrixToItsEndAndExitsOneOnAFailedVerdict() throws Exception {
    Thread controller = Thread.ofPlatform().start(() -> {
      await().atMost(Duration.ofSeconds(20)).until(() -> matrix("net") != null);
      QperfMatrix m = matrix("net");
      m.setStatus(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setVerdict(MatrixVerdict.Failed)
          .setProgress(new MatrixProgress(2, 2, 1, 0, 2)));
      client.resource(m).updateStatus();
    });

    Cli.Run run = cli.run("matrix", "create", "net", "-n", NS, "--wait");
    controller.join();

    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("qperfmatrix.perf.kubestone.xridge.io/net created\n"), run.out());
    assertTrue(run.out().contains("net: Completed, 2 rounds: 2/2 pair runs done, 1 failed\n"), run.out());
    assertTrue(run.out().contains("verdict: Failed"), run.out());
  }

  private QperfMatrix matrix(String name) {
    return client.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void globalFlagsMayComeBeforeTheMatrixCommands() {
    completedMatrix();

    Cli.Run after = cli.run("matrix", "get", "net", "-n", NS, "-o", "csv");
    Cli.Run before = cli.run("-n", NS, "matrix", "get", "net", "-o", "csv");
    Cli.Run between = cli.run("matrix", "-n", NS, "get", "net", "-o", "csv");

    assertEquals(0, before.exitCode(), before.err());
    assertEquals(after.out(), before.out(), "kubectl qperf -n NS matrix get NAME");
    assertEquals(after.out(), between.out(), "kubectl qperf matrix -n NS get NAME");
    assertEquals(after.out(), cli.run("--namespace=" + NS, "matrix", "net", "-o", "csv").out());
  }

  @Test
  void aFormatMatrixGetDoesNotPrintIsAUsageError() {
    completedMatrix();

    Cli.Run run = cli.run("matrix", "get", "net", "-n", NS, "-o", "wide");

    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains("table, json, yaml, csv"), run.err());
  }

  @Test
  void reportWritesTheMatrixAsOneHtmlPage() {
    completedMatrix();

    Cli.Run run = cli.run("report", "net", "-n", NS, "-o", "html");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("<!DOCTYPE html>"), run.out());
    assertTrue(run.out().contains("data-src=\"a\" data-dst=\"b\""), run.out());
    assertEquals(run.out(), cli.run("report", "net", "-n", NS).out(), "html is the default");
    assertEquals(2, cli.run("report", "net", "-n", NS, "-o", "json").exitCode());
    assertEquals(3, cli.run("report", "nope", "-n", NS).exitCode());
  }

  @Test
  void aMissingMatrixIsNotFound() {
    assertEquals(3, cli.run("matrix", "get", "nope", "-n", NS).exitCode());
  }

  /** A matrix of nodes a and b whose two children completed: a→b at 2 GB/s, b→a at 1 GB/s. */
  private QperfMatrix completedMatrix() {
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(NS).withName("net").build());
    m.setSpec(dev.kubectlqperf.model.matrix.QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null)));
    QperfMatrix created = client.resource(m).create();
    child(created, "a", "b", 2e9);
    child(created, "b", "a", 1e9);
    created.setStatus(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setVerdict(MatrixVerdict.Passed)
        .setNodes(List.of(MatrixNode.of("a"), MatrixNode.of("b"))).setProgress(new MatrixProgress(2, 2, null, 0, 2)));
    return client.resource(created).updateStatus();
  }

  private void child(QperfMatrix matrix, String src, String dst, double bandwidth) {
    Qperf child = MatrixChildren.child(matrix, matrix.getSpec().template(), Scenario.PodToPod,
        new NodePair(MatrixNode.of(src), MatrixNode.of(dst)));
    Qperf created = client.resource(child).create();
    created.setStatus(new QperfStatus().setPhase(QperfPhase.Completed).setResults(List.of(new TestSummary("tcp_bw",
        true, null, Map.of("bw", new TestSummary.Headline(BigDecimal.valueOf(bandwidth), "B/s", null))))));
    client.resource(created).updateStatus();
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A QperfMatrix on a real kube-apiserver with four simulated nodes running real qperf: the
 * pipeline, under the product's ServiceAccount and RBAC, lists the nodes, writes the matrix status
 * (which the API server checks against the CRD's schema), runs every ordered pair as a child
 * Qperf, and the garbage collector deletes the children with the matrix.
 */
@ExtendWith(ControlPlane.Extension.class)
class MatrixIT {

  private static final String NS = "matrix";
  private static final List<String> NODES = List.of("mx-1", "mx-2", "mx-3", "mx-4");
  /** Where mx-2's clients reach mx-3's servers in the slow-pair test; any 127.x address is this host. */
  private static final String SLOW_ADDRESS = "127.0.0.77";
  @AutoClose
  private static SimulatedCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void setUp(ControlPlane controlPlane) throws Exception {
    cluster = SimulatedCluster.in(controlPlane, NS, NODES).awaitCrds(QperfMatrix.CRD_NAME).start();
    admin = cluster.admin();
  }

  @Test
  void fourNodesRunEveryOrderedPairAndTheChildrenGoWithTheMatrix() {
    QperfSpec template = new QperfSpec(null, "-t 1", List.of("tcp_lat"), null, null, 90L, null, null, null, null);
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("four").build());
    matrix.setSpec(new QperfMatrixSpec(null, null, NODES, null, null, null, null, null, template, null, null));
    admin.resource(matrix).create();

    await("the matrix ends").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      QperfMatrix m = get();
      return m.getStatus() != null && m.getStatus().getPhase() != null && m.getStatus().getPhase().isFinal();
    });

    QperfMatrix done = get();
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    assertEquals(NODES, done.getStatus().getNodes().stream().map(MatrixNode::name).toList());
    assertNotNull(done.getStatus().getRunSpec());
    assertEquals(12, done.getStatus().getProgress().done());
    assertEquals(12, done.getStatus().getPairs().size());
    assertTrue(done.getStatus().getPairs().stream().noneMatch(PairResult::failed), done.getStatus().getPairs()
        .toString());
    assertTrue(done.getStatus().getPairs().stream().allMatch(p -> p.latency() != null && p.latency() > 0));
    assertEquals(12, children().size());
    assertNoOverlappingRunsShareANode(children());
    assertEquals("True", done.getStatus().getConditions().get(0).getStatus());

    admin.resource(done).delete();
    await("children deleted by the garbage collector").atMost(Duration.ofMinutes(2)).until(() -> children().isEmpty());
  }

  @Test
  void deletingAMatrixMidRunLeavesNothingBehind() {
    QperfSpec template = new QperfSpec(null, "-t 1", List.of("tcp_lat"), null, null, 90L, null, null, null, null);
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("cut").build());
    matrix.setSpec(new QperfMatrixSpec(null, null, NODES, null, null, null, null, null, template, 1, null));
    QperfMatrix created = admin.resource(matrix).create();
    await("a first child").atMost(Duration.ofMinutes(1)).until(() -> !children("cut").isEmpty());

    admin.resource(created).delete();

    await("children, servers and clients gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> children("cut").isEmpty()
            && admin.apps().deployments().inNamespace(NS).list().getItems().stream()
                .noneMatch(d -> d.getMetadata().getName().startsWith("cut-"))
            && admin.pods().inNamespace(NS).list().getItems().stream()
                .noneMatch(p -> p.getMetadata().getName().startsWith("cut-")));
  }

  /**
   * mx-2 → mx-3 made slow on purpose (its clients reach the server through a loopback address
   * that tc limits to 20 Mbit/s): that pair is the bandwidth outlier in the status, in
   * {@code kubectl qperf matrix NAME} and in {@code kubectl qperf report NAME}. The plain heatmap
   * is kept in target/ for the README.
   */
  @Test
  void aPairMadeSlowIsTheOutlierInTheStatusTheHeatmapAndTheReport() throws Exception {
    QperfSpec template = new QperfSpec(null, "-t 2", List.of("tcp_bw"), null, null, 90L, null, null, null, null);
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("slow").build());
    matrix.setSpec(new QperfMatrixSpec(null, null, NODES, null, null, null, null, null, template, null, null));
    cluster.nodes().path("mx-2", "mx-3", SLOW_ADDRESS);
    QperfMatrix done;
    try (RateShaper shaper = RateShaper.loopbackTo(SLOW_ADDRESS, "20mbit")) {
      admin.resource(matrix).create();
      await("the matrix ends").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        QperfMatrix m = get("slow");
        return m.getStatus() != null && m.getStatus().getPhase() != null && m.getStatus().getPhase().isFinal();
      });
      done = get("slow");
    }

    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    List<Outlier> outliers = done.getStatus().getOutlierPairs();
    assertNotNull(outliers, "no outlier pairs: " + done.getStatus().getPairs());
    Outlier slow = outliers.stream().filter(o -> "mx-2".equals(o.src()) && "mx-3".equals(o.dst())).findFirst()
        .orElseThrow(() -> new AssertionError("mx-2 -> mx-3 is not an outlier: " + outliers));
    assertEquals(Outlier.Metric.Bandwidth, slow.metric());
    assertTrue(slow.value() < 3.5e6 && slow.clusterMedian() > 10 * slow.value(), slow.toString());
    assertTrue(done.getStatus().getPairs().stream().filter(p -> p.bandwidth() != null)
        .allMatch(p -> p.bandwidth() >= slow.value()), "the slow pair is the slowest");

    Shell.Result heatmap = Kubectl.plugin(cluster.controlPlane().kubeconfig(), "matrix", "slow", "-n", NS);
    assertEquals(0, heatmap.exitCode(), heatmap.err());
    Files.writeString(Path.of("target", "matrix-heatmap.txt"), heatmap.out());
    assertTrue(heatmap.out().contains("outlier pairs (client -> server):\n  mx-2 -> mx-3  PodToPod Bandwidth"),
        heatmap.out());
    String row = heatmap.out().lines().filter(l -> l.startsWith("mx-2 ")).findFirst().orElseThrow();
    String[] cells = row.trim().split("\\s+");
    double slowCell = Double.parseDouble(cells[3]);
    for (int c = 1; c < cells.length; c++) {
      assertTrue(cells[c].equals("-") || Double.parseDouble(cells[c]) >= slowCell, "mx-2's row: " + row);
    }

    Shell.Result report =
        Kubectl.plugin(cluster.controlPlane().kubeconfig(), "report", "slow", "-n", NS, "-o", "html");
    assertEquals(0, report.exitCode(), report.err());
    Files.writeString(Path.of("target", "matrix-report.html"), report.out());
    assertTrue(report.out().contains("<g class=\"cell outlier\" data-src=\"mx-2\" data-dst=\"mx-3\" data-shade=\"0\">"),
        report.out());
    // On a busy machine another pair may dip below the outlier fraction too, never to the slow one's shade.
    assertEquals(1, Pattern.compile("class=\"cell outlier\"[^>]*data-shade=\"0\"").matcher(report.out()).results()
        .count(), "one outlier cell in the worst shade");
  }

  /** From the children's own start and completion times: runs that overlap in time use four distinct nodes. */
  private static void assertNoOverlappingRunsShareANode(List<Qperf> runs) {
    for (Qperf a : runs) {
      for (Qperf b : runs) {
        if (a == b) {
          continue;
        }
        boolean overlap = Instant.parse(a.getStatus().getStartTime()).isBefore(Instant.parse(b.getStatus()
            .getCompletionTime())) && Instant.parse(b.getStatus().getStartTime()).isBefore(Instant.parse(a
            .getStatus().getCompletionTime()));
        if (overlap) {
          assertEquals(4, new HashSet<>(List.of(node(a, true), node(a, false), node(b, true), node(b, false))).size(),
              a.getMetadata().getName() + " and " + b.getMetadata().getName() + " ran at once on a shared node");
        }
      }
    }
  }

  private static String node(Qperf child, boolean src) {
    return child.getMetadata().getAnnotations().get(src ? QperfResources.ANNOTATION_SRC_NODE
        : QperfResources.ANNOTATION_DST_NODE);
  }

  private static QperfMatrix get() {
    return get("four");
  }

  private static QperfMatrix get(String name) {
    return admin.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
  }

  private static List<Qperf> children() {
    return children("four");
  }

  private static List<Qperf> children(String matrix) {
    return admin.resources(Qperf.class).inNamespace(NS).withLabels(QperfResources.matrixChildSelector(matrix)).list()
        .getItems();
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A QperfMatrix over four real nodes: every ordered pair measured pod to pod across the CNI path,
 * no two running pairs on a shared node (from the pods' own container times), a pair made slow on
 * purpose (tc on the server node's bridge, for traffic from the client node's pod range) found as
 * the outlier, the pipeline restarted mid-matrix without running a pair twice, and a matrix deleted
 * mid-run leaving nothing behind. Its own cluster of four nodes: the shared one has two.
 */
@ExtendWith(RealNodes.Exclusive.class)
class RealMatrixIT {

  private static final String NS = "matrix-nodes";
  private static final List<String> NODES = List.of("node-1", "node-2", "node-3", "node-4");
  private static RealNodes cluster;
  private static RealNodeRuns runs;
  private static KubernetesClient admin;

  @BeforeAll
  static void setUp() throws Exception {
    cluster = RealNodes.start(NODES.size());
    runs = RealNodeRuns.open(cluster);
    admin = runs.admin();
    runs.namespace(NS);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (runs != null) {
      runs.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** node-2's clients reach node-3's servers through node-3's bridge, limited to 20 Mbit/s from 10.244.2.0/24. */
  @Test
  void fourRealNodesFindTheSlowPairAndARestartRunsNoPairTwice() throws Exception {
    QperfMatrix matrix = matrix("slow", null, QperfSpec.of(List.of("tcp_bw", "tcp_lat"), "-t 2"));
    Map<String, String> uids = new HashMap<>();
    QperfMatrix done;
    try (RateShaper shaper = RateShaper.bridgeFrom("qpn3", "10.244.2.0/24", "20mbit")) {
      Pipeline first = runs.pipeline(NS);
      try {
        admin.resource(matrix).create();
        await("a first pair completed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .until(() -> record(children("slow"), uids).stream().anyMatch(c -> isFinal(c)));
      } finally {
        first.close();
      }
      assertTrue(uids.size() < 12, "the restart comes mid-matrix: " + uids.keySet());
      try (Pipeline ignored = runs.pipeline(NS)) {
        await("the matrix ends").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          record(children("slow"), uids);
          QperfMatrix m = get("slow");
          return m.getStatus() != null && m.getStatus().getPhase() != null && m.getStatus().getPhase().isFinal();
        });
        done = get("slow");
      }
    }

    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    assertEquals(12, done.getStatus().getPairs().size());
    assertTrue(done.getStatus().getPairs().stream().noneMatch(PairResult::failed), done.getStatus().getPairs().toString());
    List<Qperf> children = children("slow");
    assertEquals(12, children.size());
    children.forEach(c -> assertEquals(uids.get(c.getMetadata().getName()), c.getMetadata().getUid(),
        c.getMetadata().getName() + " was created again"));
    assertEachPairRanOnItsNodesOnceAndNoneOverlappedOnANode(children);

    List<Outlier> outliers = done.getStatus().getOutlierPairs();
    assertNotNull(outliers, "no outlier pairs: " + done.getStatus().getPairs());
    Outlier slow = outliers.stream().filter(o -> "node-2".equals(o.src()) && "node-3".equals(o.dst())
        && o.metric() == Outlier.Metric.Bandwidth).findFirst()
        .orElseThrow(() -> new AssertionError("node-2 -> node-3 is not a bandwidth outlier: " + outliers));
    assertTrue(slow.value() < 3.5e6 && slow.clusterMedian() > 10 * slow.value(), slow.toString());

    Shell.Result heatmap = Kubectl.plugin(cluster.kubeconfig(), "matrix", "slow", "-n", NS);
    assertEquals(0, heatmap.exitCode(), heatmap.err());
    Files.writeString(Path.of("target", "real-matrix-heatmap.txt"), heatmap.out());
    assertTrue(heatmap.out().contains("  node-2 -> node-3  PodToPod Bandwidth"), heatmap.out());
    Shell.Result report = Kubectl.plugin(cluster.kubeconfig(), "report", "slow", "-n", NS, "-o", "html");
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(report.out().contains("<g class=\"cell outlier\" data-src=\"node-2\" data-dst=\"node-3\""), report.out());
  }

  @Test
  void aMatrixDeletedMidRunLeavesNothingBehind() throws Exception {
    try (Pipeline ignored = runs.pipeline(NS)) {
      QperfMatrix created = admin.resource(matrix("cut", 1, QperfSpec.of(List.of("tcp_lat"), "-t 2"))).create();
      await("a first pair's server running").atMost(Duration.ofMinutes(2)).until(() ->
          admin.pods().inNamespace(NS).withLabel(QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_SERVER)
              .list().getItems().stream().anyMatch(p -> p.getMetadata().getName().startsWith("cut-")
                  && "Running".equals(p.getStatus().getPhase())));

      admin.resource(created).delete();

      await("children, servers, services and pods gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> children("cut").isEmpty()
              && admin.apps().deployments().inNamespace(NS).list().getItems().stream()
                  .noneMatch(d -> d.getMetadata().getName().startsWith("cut-"))
              && admin.services().inNamespace(NS).list().getItems().stream()
                  .noneMatch(s -> s.getMetadata().getName().startsWith("cut-"))
              && admin.pods().inNamespace(NS).list().getItems().stream()
                  .noneMatch(p -> p.getMetadata().getName().startsWith("cut-")));
    }
  }

  private static QperfMatrix matrix(String name, Integer concurrency, QperfSpec template) {
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    matrix.setSpec(new QperfMatrixSpec(null, null, NODES, null, null, null, null, null, template, concurrency, null));
    return matrix;
  }

  /**
   * Each child ran one client, on its pair's client node; a client's container times (the
   * kubelet's) and the child's times (the server's life included) never overlap another child's on
   * a shared node.
   */
  private static void assertEachPairRanOnItsNodesOnceAndNoneOverlappedOnANode(List<Qperf> children) {
    Map<String, ContainerStateTerminated> clientTimes = new HashMap<>();
    for (Qperf c : children) {
      String name = c.getMetadata().getName();
      List<Pod> clients = admin.pods().inNamespace(NS).withLabels(Map.of(QperfResources.LABEL_INSTANCE, name,
          QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT)).list().getItems();
      assertEquals(1, clients.size(), name + "'s clients");
      Pod client = clients.get(0);
      assertEquals(node(c, true), client.getSpec().getNodeName(), name + "'s client node");
      assertEquals(node(c, true), c.getStatus().getClientNode());
      assertEquals(node(c, false), c.getStatus().getServerNode());
      ContainerStateTerminated t = client.getStatus().getContainerStatuses().get(0).getState().getTerminated();
      assertNotNull(t, name + "'s client has not ended");
      assertEquals(0, client.getStatus().getContainerStatuses().get(0).getRestartCount(), name + "'s client restarted");
      clientTimes.put(name, t);
    }
    for (Qperf a : children) {
      for (Qperf b : children) {
        if (a == b || disjoint(a, b)) {
          continue;
        }
        String pair = a.getMetadata().getName() + " and " + b.getMetadata().getName();
        assertTrue(!overlap(a.getStatus().getStartTime(), a.getStatus().getCompletionTime(), b.getStatus().getStartTime(),
            b.getStatus().getCompletionTime()), pair + " ran at once on a shared node");
        ContainerStateTerminated ta = clientTimes.get(a.getMetadata().getName());
        ContainerStateTerminated tb = clientTimes.get(b.getMetadata().getName());
        assertTrue(!overlap(ta.getStartedAt(), ta.getFinishedAt(), tb.getStartedAt(), tb.getFinishedAt()),
            pair + ": clients ran at once on a shared node");
      }
    }
  }

  private static boolean disjoint(Qperf a, Qperf b) {
    Set<String> nodes = new HashSet<>(List.of(node(a, true), node(a, false), node(b, true), node(b, false)));
    return nodes.size() == 4;
  }

  private static boolean overlap(String aStart, String aEnd, String bStart, String bEnd) {
    return Instant.parse(aStart).isBefore(Instant.parse(bEnd)) && Instant.parse(bStart).isBefore(Instant.parse(aEnd));
  }

  private static String node(Qperf child, boolean src) {
    return child.getMetadata().getAnnotations().get(src ? QperfResources.ANNOTATION_SRC_NODE
        : QperfResources.ANNOTATION_DST_NODE);
  }

  private static List<Qperf> record(List<Qperf> children, Map<String, String> uids) {
    children.forEach(c -> uids.putIfAbsent(c.getMetadata().getName(), c.getMetadata().getUid()));
    return children;
  }

  private static boolean isFinal(Qperf q) {
    return q.getStatus() != null && q.getStatus().getPhase() != null && q.getStatus().getPhase().isFinal();
  }

  private static QperfMatrix get(String name) {
    return admin.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
  }

  private static List<Qperf> children(String matrix) {
    return admin.resources(Qperf.class).inNamespace(NS).withLabels(QperfResources.matrixChildSelector(matrix)).list()
        .getItems();
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.qperf.StreamStart;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parallel streams on a real kube-apiserver, with real qperf processes played by the node
 * simulator: N server containers in one Deployment, N client containers in one pod per
 * repetition, and a result whose aggregate is the sum of what each client printed.
 */
@ExtendWith(ControlPlane.Extension.class)
class ParallelIT {

  private static final String NS = "parallel";
  @AutoClose
  private static SimulatedCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void setUp(ControlPlane controlPlane) throws Exception {
    cluster = SimulatedCluster.in(controlPlane, NS, List.of("node-p1", "node-p2")).start();
    admin = cluster.admin();
  }

  @Test
  void fourStreamsCompleteAndTheirAggregateIsTheSumOfWhatEachClientPrinted() {
    QperfSpec spec = new QperfSpec(null, "-t 1", List.of("tcp_bw", "tcp_lat"), null, null, 120L, null, null, null,
        null, List.of("tcp_bw bw sum at least 1 KB/sec"), 4);
    cluster.create("four", spec);
    Qperf done = cluster.awaitFinal("four");
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());

    Pod client = admin.pods().inNamespace(NS).withName("four-client").get();
    assertEquals(List.of("client", "client-2", "client-3", "client-4"),
        client.getSpec().getContainers().stream().map(c -> c.getName()).toList());
    double sum = 0;
    List<Double> starts = new ArrayList<>();
    for (String container : QperfResources.clientContainers(done.asRun())) {
      StreamStart.Marked marked = StreamStart.read(cluster.nodes().clientLog(NS, "four-client", container));
      starts.add(marked.uptime().orElseThrow(() -> new AssertionError(container + " printed no start")));
      QperfResult stream = QperfOutputParser.parse(marked.qperfOutput(), 0);
      assertTrue(stream.ok(), container + ": " + stream.errors());
      sum += stream.tests().stream().filter(t -> t.test().equals("tcp_bw")).findFirst().orElseThrow()
          .metrics().get("bw").decimal().doubleValue();
    }
    MetricStatistics aggregate = done.getStatus().getAggregate().stream()
        .filter(s -> s.test().equals("tcp_bw") && s.metric().equals("bw")).findFirst().orElseThrow();
    assertEquals(1, aggregate.count());
    assertEquals(sum, aggregate.mean(), sum * 1e-9, "the aggregate is the sum of the four clients' bandwidths");

    double measuredSkew = starts.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        - starts.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertNotNull(done.getStatus().getStartSkewSeconds(), "the start skew is reported");
    assertEquals(measuredSkew, done.getStatus().getStartSkewSeconds(), 0.011);
    assertEquals(Verdict.Outcome.Passed, done.getStatus().getVerdict());
    assertTrue(done.getStatus().getHeadline().contains("tcp_bw sum "), done.getStatus().getHeadline());
    assertEquals(4, done.getStatus().getResults().stream().filter(r -> r.test().equals("tcp_bw")).count());
    await("server gone").atMost(Duration.ofMinutes(1))
        .until(() -> admin.apps().deployments().inNamespace(NS).withName("four").get() == null);
  }

  @Test
  void serverDeploymentHasOneContainerPerStreamOnDistinctPorts() {
    cluster.create("ports",
        new QperfSpec(null, "-t 1", List.of("tcp_lat"), null, null, 120L, null, null, 2, null, null, 3));
    await("server created").atMost(Duration.ofSeconds(30))
        .until(() -> admin.apps().deployments().inNamespace(NS).withName("ports").get() != null);
    var deployment = admin.apps().deployments().inNamespace(NS).withName("ports").get();
    assertEquals(List.of(19765, 19767, 19769), deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .map(c -> c.getPorts().get(0).getContainerPort()).toList());
    assertEquals(List.of("qperf", "qperf-2", "qperf-3"), admin.services().inNamespace(NS).withName("ports").get()
        .getSpec().getPorts().stream().map(p -> p.getName()).toList());
    Qperf done = cluster.awaitFinal("ports");
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    assertEquals(6, done.getStatus().getStatistics().get(0).count(), "3 streams x 2 repetitions of tcp_lat latency");
  }

  @Test
  void tooManyStreamsFailWithAReason() {
    cluster.create("many",
        new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, null, null, null, null, 17));
    Qperf failed = cluster.awaitFinal("many");
    assertEquals("InvalidSpec", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("spec.parallel: must be between 1 and 16"),
        failed.getStatus().getMessage());
  }
}

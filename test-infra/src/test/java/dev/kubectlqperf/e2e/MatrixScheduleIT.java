package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunMetric;
import dev.kubectlqperf.model.schedule.RunSummary;
import dev.kubectlqperf.model.schedule.ScheduleRuns;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.metrics.ResultPoints;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.testing.Scrape;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A QperfSchedule whose template is a QperfMatrix spec, on a real kube-apiserver with two
 * simulated nodes running real qperf and the whole pipeline under the product's ServiceAccount and
 * RBAC: each due time creates a QperfMatrix that runs its pairs and completes, its cluster medians
 * land in the schedule's history, and the history limit prunes the older matrix (and, through the
 * owner references, its children); the schedule's result gauges on {@code /observe/metrics} hold the
 * latest matrix's cluster median. The pipeline's clock runs on but jumps to the due times
 * ({@link ShiftedClock}), so the test waits for the measurements, not for the minutes.
 */
@ExtendWith(ControlPlane.Extension.class)
class MatrixScheduleIT {

  private static final String NS = "sched-matrix";
  private static final List<String> NODES = List.of("sm-1", "sm-2");
  private static final Duration MATRIX_WAIT = Duration.ofMinutes(3);
  @AutoClose
  private static SimulatedCluster cluster;
  private static KubernetesClient admin;
  private static int healthPort;
  private static final ShiftedClock CLOCK = new ShiftedClock();

  @BeforeAll
  static void setUp(ControlPlane controlPlane) throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      healthPort = socket.getLocalPort();
    }
    // The clock is ahead of the API server's by up to two jumps: the graces that compare the two are wide.
    cluster = SimulatedCluster.in(controlPlane, NS, NODES).awaitCrds(QperfMatrix.CRD_NAME, QperfSchedule.CRD_NAME)
        .config(PipelineConfig.RESYNC_SECONDS, "1").config(PipelineConfig.UNSCHEDULABLE_GRACE_SECONDS, "600")
        .config(PipelineConfig.LOG_RETRY_SECONDS, "600")
        .config(PipelineConfig.HEALTH_PORT, String.valueOf(healthPort))
        .clock(CLOCK).start();
    admin = cluster.admin();
  }

  @Test
  void eachDueTimeRunsAMatrixWhoseMediansEnterTheHistoryAndTheLimitPrunesTheOlderOne() throws Exception {
    QperfSpec template = new QperfSpec(null, "-t 1", List.of("tcp_lat"), null, null, 90L, null, null, null, null);
    QperfMatrixSpec matrix = new QperfMatrixSpec(null, null, NODES, null, null, null, null, null, template, null, null);
    QperfSchedule schedule = new QperfSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("mxs").build());
    schedule.setSpec(QperfScheduleSpec.ofMatrix("* * * * *", matrix).withHistoryLimits(1, 1));
    QperfSchedule created = admin.resource(schedule).create();
    Instant first = Instant.parse(created.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.MINUTES)
        .plus(Duration.ofMinutes(1));

    String firstName = ScheduleRuns.runName("mxs", first);
    CLOCK.jumpTo(first.plusSeconds(1));
    QperfMatrix firstRun = awaitCompleted(firstName);
    assertEquals("QperfSchedule", firstRun.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("mxs", firstRun.getMetadata().getLabels().get(QperfResources.LABEL_SCHEDULE));
    assertEquals(first.toString(), firstRun.getMetadata().getAnnotations().get(
        QperfResources.ANNOTATION_SCHEDULED_TIME));
    assertEquals(2, firstRun.getStatus().getProgress().done(), "both ordered pairs ran");
    RunSummary summary = awaitSummary(firstName);
    assertEquals(firstRun.getStatus().getVerdict().name(), summary.verdict());
    RunMetric latency = summary.metrics().stream().filter(m -> m.label().equals("PodToPod latency")).findFirst()
        .orElseThrow(() -> new AssertionError("no PodToPod latency in " + summary));
    assertEquals(firstRun.getStatus().getMedians().get(0).latency(), latency.mean());
    assertTrue(latency.mean() > 0 && latency.mean() < 1, latency.toString());
    assertEquals("s", latency.unit());
    assertEquals(2, children(firstName).size());

    Instant second = first.plus(Duration.ofMinutes(1));
    String secondName = ScheduleRuns.runName("mxs", second);
    CLOCK.jumpTo(second.plusSeconds(1));
    awaitCompleted(secondName);
    awaitSummary(secondName);
    await("the older matrix pruned (successfulRunsHistoryLimit 1)").atMost(Duration.ofSeconds(30))
        .until(() -> admin.resources(QperfMatrix.class).inNamespace(NS).withName(firstName).get() == null);
    await("its children deleted by the garbage collector").atMost(Duration.ofMinutes(2))
        .until(() -> children(firstName).isEmpty());
    QperfScheduleStatus status = status();
    assertEquals(List.of(secondName, firstName), status.runsOrEmpty().stream().map(RunSummary::name).toList(),
        "the history keeps the pruned matrix's summary, newest first");
    assertEquals(List.of(secondName), admin.resources(QperfMatrix.class).inNamespace(NS)
        .withLabels(ScheduleRuns.selector("mxs")).list().getItems().stream().map(m -> m.getMetadata().getName())
        .toList());
    assertEquals(0, admin.resources(Qperf.class).inNamespace(NS).withLabels(ScheduleRuns.selector("mxs")).list()
        .getItems().size(), "a matrix schedule creates no Qperf of its own");
    assertEquals(TrendVerdict.InsufficientHistory, status.trend().verdict());

    String ofMxs = "schedule=\"mxs\"";
    await("the schedule's gauges on /observe/metrics").atMost(Duration.ofSeconds(30)).until(() -> {
      Scrape scrape = Scrape.of(healthPort);
      return scrape.value(ResultPoints.SCHEDULE_LATENCY, ofMxs, "test=\"PodToPod\"").orElse(0) > 0
          && scrape.value(ScheduleTrends.METRIC, ofMxs).orElse(-1) == 0
          && scrape.has(ResultPoints.MATRIX_LATENCY, "matrix=\"" + secondName + "\"");
    });
    assertEquals(status.runsOrEmpty().get(0).metrics().stream().filter(m -> m.metric().equals("latency"))
        .findFirst().orElseThrow().mean(), Scrape.of(healthPort).value(ResultPoints.SCHEDULE_LATENCY, ofMxs)
        .getAsDouble(), 1e-12, "the latest matrix's cluster median");

    Shell.Result history = Kubectl.plugin(cluster.controlPlane().kubeconfig(), "history", "mxs", "-n", NS);
    System.out.println("kubectl qperf history mxs:\n" + history.out());
    assertEquals(0, history.exitCode(), history.out() + history.err());
    assertTrue(history.out().contains("runs QperfMatrix"), history.out());
    assertTrue(history.out().contains("PODTOPOD LATENCY"), history.out());
    assertTrue(history.out().contains(secondName), history.out());
  }

  private static QperfMatrix awaitCompleted(String name) {
    await(name + " ends").atMost(MATRIX_WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
      QperfMatrix m = admin.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
      return m != null && m.getStatus() != null && m.getStatus().getPhase() != null
          && m.getStatus().getPhase().isFinal();
    });
    QperfMatrix done = admin.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    assertNotNull(done.getStatus().getMedians(), done.getStatus().toString());
    return done;
  }

  private static RunSummary awaitSummary(String name) {
    await(name + " in the history").atMost(Duration.ofSeconds(30)).until(() -> status() != null
        && status().runsOrEmpty().stream().anyMatch(r -> r.name().equals(name) && r.completed() && r.metrics() != null));
    return status().runsOrEmpty().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static QperfScheduleStatus status() {
    QperfSchedule s = admin.resources(QperfSchedule.class).inNamespace(NS).withName("mxs").get();
    return s == null ? null : s.getStatus();
  }

  private static List<Qperf> children(String matrix) {
    return admin.resources(Qperf.class).inNamespace(NS).withLabels(QperfResources.matrixChildSelector(matrix)).list()
        .getItems();
  }
}

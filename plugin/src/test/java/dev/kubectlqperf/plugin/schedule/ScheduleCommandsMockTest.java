package dev.kubectlqperf.plugin.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.matrix.ScenarioMedians;
import dev.kubectlqperf.model.schedule.ConcurrencyPolicy;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunHistory;
import dev.kubectlqperf.model.schedule.RunMetric;
import dev.kubectlqperf.model.schedule.RunSummary;
import dev.kubectlqperf.model.schedule.TrendAnalysis;
import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScheduleCommandsMockTest {

  private static final String NS = "bench";
  KubernetesClient client;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    for (String crd : List.of("qperves", "qperfschedules")) {
      try (InputStream in = getClass().getResourceAsStream("/crd/" + crd + ".perf.kubestone.xridge.io.yaml")) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      }
    }
    cli = new Cli(client);
  }

  @Test
  void createWritesTheSpecFromTheFlags() {
    Cli.Run run = cli.run("schedule", "create", "watch", "-n", NS, "--cron", "*/5 * * * *", "--time-zone",
        "Europe/Paris", "--concurrency-policy", "Replace", "--tests", "tcp_lat", "--options", "-t 2");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("qperfschedule.perf.kubestone.xridge.io/watch created\n", run.out());
    QperfSchedule s = client.resources(QperfSchedule.class).inNamespace(NS).withName("watch").get();
    assertEquals("*/5 * * * *", s.getSpec().schedule());
    assertEquals("Europe/Paris", s.getSpec().timeZone());
    assertEquals(ConcurrencyPolicy.Replace, s.getSpec().concurrencyPolicy());
    assertEquals(List.of("tcp_lat"), s.getSpec().qperfTemplate().tests());
  }

  @Test
  void createMatrixSchedulesAMatrixOfTheSelectedNodes() {
    Cli.Run run = cli.run("schedule", "create", "mesh", "-n", NS, "--cron", "@hourly", "--matrix", "--nodes",
        "pool=bench", "--scenario", "ClusterIP", "--concurrency", "2", "--tests", "tcp_bw", "--options", "-t 2");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("qperfschedule.perf.kubestone.xridge.io/mesh created\n", run.out());
    QperfSchedule s = client.resources(QperfSchedule.class).inNamespace(NS).withName("mesh").get();
    assertNull(s.getSpec().qperfTemplate());
    assertEquals(Map.of("pool", "bench"), s.getSpec().matrixTemplate().nodeSelector());
    assertEquals(List.of(Scenario.ClusterIP), s.getSpec().matrixTemplate().scenarios());
    assertEquals(2, s.getSpec().matrixTemplate().concurrency());
    assertEquals(List.of("tcp_bw"), s.getSpec().matrixTemplate().template().tests());
    assertEquals("-t 2", s.getSpec().matrixTemplate().template().options());
  }

  @Test
  void matrixFlagsWithoutMatrixAreAUsageErrorAndCreateNothing() {
    Cli.Run run = cli.run("schedule", "create", "mesh", "-n", NS, "--cron", "@hourly", "--nodes", "pool=bench");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("add --matrix"), run.err());
    assertEquals(0, client.resources(QperfSchedule.class).inNamespace(NS).list().getItems().size());
  }

  @Test
  void aBadCronIsAUsageErrorAndCreatesNothing() {
    Cli.Run run = cli.run("schedule", "create", "watch", "-n", NS, "--cron", "*/5 * * *");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("has 4 fields; cron needs 5"), run.err());
    assertEquals(0, client.resources(QperfSchedule.class).inNamespace(NS).list().getItems().size());
  }

  @Test
  void historyShowsTheRunsASparklineAndExitsOneWhenRegressed() {
    withHistory(1.00, 1.01, 0.99, 1.02, 0.98, 0.60);
    Cli.Run run = cli.run("history", "net", "-n", NS);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("RUN"), run.out());
    assertTrue(run.out().contains("TCP_BW BW"), run.out());
    assertTrue(run.out().contains("600 MB/sec"), run.out());
    assertTrue(run.out().contains("tcp_bw bw  ####*_"), run.out()); // ASCII: not a terminal
    assertTrue(run.out().contains("Trend: Regressed: tcp_bw bw regressed -40.0 % (1 GB/sec → 600 MB/sec)"), run.out());
  }

  @Test
  void historyExitsZeroWhenStableAndPrintsJsonAndCsv() throws Exception {
    withHistory(1.00, 1.01, 0.99, 1.02, 0.98, 1.00);
    Cli.Run json = cli.run("history", "net", "-n", NS, "-o", "json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertEquals("Stable", doc.path("trend").path("verdict").asText());
    assertEquals(6, doc.path("runs").size());
    assertEquals("net-1", doc.path("runs").get(0).path("name").asText(), "oldest first");

    Cli.Run csv = cli.run("history", "net", "-n", NS, "-o", "csv");
    assertEquals(0, csv.exitCode(), csv.err());
    assertEquals(7, csv.out().lines().count());
    assertTrue(csv.out().lines().skip(1).findFirst().orElseThrow()
        .startsWith("net-1,2026-11-27T10:01:00Z,Completed,,tcp_bw,bw,B/s,1,1.0E9"), csv.out());
  }

  @Test
  void historyOfAMatrixScheduleShowsTheClusterMediansAndTheMatrixVerdicts() throws Exception {
    double[] latencyUs = {30, 31, 29, 30, 30, 45};
    List<RunSummary> runs = new ArrayList<>();
    for (int i = 0; i < latencyUs.length; i++) {
      Instant due = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * (i + 1));
      QperfMatrix m = new QperfMatrix();
      m.setMetadata(new ObjectMetaBuilder().withName("mx-" + (i + 1)).withAnnotations(
          java.util.Map.of(QperfResources.ANNOTATION_SCHEDULED_TIME, due.toString())).build());
      m.setStatus(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setCompletionTime(due.toString())
          .setVerdict(i == 5 ? MatrixVerdict.Degraded : MatrixVerdict.Passed)
          .setMedians(List.of(new ScenarioMedians(Scenario.PodToPod, 2, 1e9, latencyUs[i] * 1e-6))));
      runs.add(0, RunHistory.summaryOf(m));
    }
    QperfSchedule s = new QperfSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName("mx").withNamespace(NS).build());
    s.setSpec(QperfScheduleSpec.ofMatrix("* * * * *", QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_lat"),
        null))));
    QperfSchedule created = client.resource(s).create();
    created.setStatus(new QperfScheduleStatus(null, 1L, runs.get(0).scheduledTime(), null, null, null, 0, runs,
        TrendAnalysis.of(runs, 5, 5, null), null));
    client.resource(created).updateStatus();

    Cli.Run run = cli.run("history", "mx", "-n", NS);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("runs QperfMatrix"), run.out());
    assertTrue(run.out().contains("PODTOPOD BW") && run.out().contains("PODTOPOD LATENCY"), run.out());
    assertTrue(run.out().contains("Degraded"), run.out());
    assertTrue(run.out().contains("PodToPod latency  "), run.out());
    assertTrue(run.out().contains("Trend: Regressed: PodToPod latency regressed +50.0 %"), run.out());

    Cli.Run json = cli.run("history", "mx", "-n", NS, "-o", "json");
    assertEquals(1, json.exitCode(), json.err());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertEquals("QperfMatrix", doc.path("runKind").asText());
    assertEquals("Degraded", doc.path("runs").get(5).path("verdict").asText());

    Cli.Run csv = cli.run("history", "mx", "-n", NS, "-o", "csv");
    assertTrue(csv.out().contains("mx-6,2026-11-27T10:06:00Z,Completed,Degraded,PodToPod,latency,s,2,4."),
        csv.out());
  }

  @Test
  void historyOfAMissingScheduleIsNotFound() {
    Cli.Run run = cli.run("history", "nope", "-n", NS);
    assertEquals(3, run.exitCode());
    assertTrue(run.err().contains("\"nope\" not found"), run.err());
  }

  @Test
  void getListsTheSchedulesWithTheirTrend() {
    withHistory(1, 1, 1, 1, 1, 0.5);
    Cli.Run run = cli.run("schedule", "get", "-n", NS);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("NAME"), run.out());
    assertTrue(run.out().contains("net    * * * * *   false"), run.out());
    assertTrue(run.out().contains("Regressed"), run.out());
  }

  /** A schedule whose status holds completed runs with these GB/s, oldest first, and their trend. */
  private void withHistory(double... gbps) {
    List<RunSummary> runs = new ArrayList<>();
    for (int i = 0; i < gbps.length; i++) {
      String due = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * (i + 1)).toString();
      runs.add(0, new RunSummary("net-" + (i + 1), due, due, QperfPhase.Completed, null, null,
          List.of(new RunMetric("tcp_bw", "bw", "B/s", 1, gbps[i] * 1e9, null, null))));
    }
    QperfSchedule s = new QperfSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName("net").withNamespace(NS).build());
    s.setSpec(QperfScheduleSpec.of("* * * * *", QperfSpec.of(List.of("tcp_bw"), null)));
    QperfSchedule created = client.resource(s).create();
    created.setStatus(new QperfScheduleStatus(null, 1L, runs.get(0).scheduledTime(), null, null, null, 0, runs,
        TrendAnalysis.of(runs, 5, 5, null), null));
    client.resource(created).updateStatus();
  }
}

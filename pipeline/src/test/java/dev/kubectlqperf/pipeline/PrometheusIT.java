package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.testing.PrometheusRules;
import dev.kubectlqperf.pipeline.testing.PrometheusServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the pipeline's {@code /observe/metrics}, with the shipped alert rules
 * loaded; the series and alerts are read back through its HTTP API.
 */
class PrometheusIT extends MockClusterTest {

  private static final String NIGHTLY_BW = "qperf_schedule_bandwidth_bytes_per_second{namespace=\"" + NS
      + "\",schedule=\"nightly\",test=\"tcp_bw\"}";

  @TempDir
  Path rules;

  @Test
  void prometheusScrapesTheRunsTheirResultsAndTheAlertsAgreeWithTheStatus() throws Exception {
    int port = freePort();
    fixture.start(Map.of(PipelineConfig.HEALTH_PORT, String.valueOf(port)), Step.Listener.NONE);
    scheduledRun("nightly-1");
    driveToEnd(List.of("nightly-1"), n -> capture(), Duration.ofSeconds(60));
    QperfStatus status = fixture.get("nightly-1").getStatus();
    assertEquals(QperfPhase.Completed, status.getPhase());
    fixture.create("bad", QperfSpec.of(List.of("tcp_foo"), null));
    assertEquals("InvalidSpec", fixture.awaitPhase("bad", QperfPhase.Failed).getStatus().getReason());

    try (PrometheusServer prometheus = PrometheusServer.scraping(port, List.of(PrometheusRules.extractTo(rules)))) {
      await("the runs scraped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
          !Double.isNaN(prometheus.value(NIGHTLY_BW))
              && prometheus.value("qperf_sink_deliveries_total{sink=\"file\"}") == 2);

      assertEquals(status.getResults().get(0).metrics().get("bw").value().doubleValue(), prometheus.value(NIGHTLY_BW));
      assertEquals(status.getResults().get(1).metrics().get("latency").value().doubleValue(), prometheus.value(
          "qperf_schedule_latency_seconds{schedule=\"nightly\",test=\"tcp_lat\"}"));
      assertEquals(1, prometheus.value("qperf_runs_finished_total{phase=\"Completed\",reason=\"Completed\"}"));
      assertEquals(1, prometheus.value("qperf_runs_finished_total{phase=\"Failed\",reason=\"InvalidSpec\"}"));
      assertEquals(1, prometheus.value("qperf_runs{phase=\"Failed\"}"));
      assertEquals(1, prometheus.value("qperf_leader"));
      assertEquals(0, prometheus.value("qperf_sink_failures_total{sink=\"file\"}"));
      assertTrue(prometheus.value("qperf_reconcile_duration_seconds_count") >= 4);
      assertTrue(prometheus.value("histogram_quantile(0.99, qperf_reconcile_duration_seconds_bucket)") > 0);
      assertTrue(prometheus.value("count({routeId=\"qperf-reconcile\"})") > 0, "Camel's route metrics");

      await("QperfRunsFailing fires for InvalidSpec").atMost(Duration.ofSeconds(30)).until(() ->
          prometheus.value("ALERTS{alertname=\"QperfRunsFailing\",alertstate=\"firing\",reason=\"InvalidSpec\"}") == 1);
      assertTrue(prometheus.query("ALERTS{alertname=~\"QperfNoLeader|QperfSinkDeadLettering|QperfTrendRegressed\"}")
          .isEmpty());
      assertDashboardQueriesRun(prometheus);

      client.resource(fixture.get("nightly-1")).delete();
      await("the deleted run's series gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> Double.isNaN(prometheus.value(NIGHTLY_BW)));
      assertEquals(1, prometheus.value("qperf_runs_finished_total{phase=\"Completed\",reason=\"Completed\"}"));
    }
  }

  /** The Grafana dashboard's Prometheus panels query what the pipeline exports. */
  private static void assertDashboardQueriesRun(PrometheusServer prometheus) throws Exception {
    List<String> queries = DashboardQueries.prometheus(Path.of("../deploy/grafana/qperf-influxdb.json"));
    assertEquals(2, queries.size(), queries.toString());
    for (String query : queries) {
      prometheus.query(query);
    }
    JsonNode bandwidth = prometheus.query(queries.get(1));
    assertEquals(1, bandwidth.size(), bandwidth.toString());
    assertEquals("nightly", bandwidth.get(0).path("metric").path("schedule").asText());
  }

  private void scheduledRun(String name) {
    Qperf run = new Qperf();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name)
        .withLabels(Map.of(QperfResources.LABEL_SCHEDULE, "nightly")).build());
    run.setSpec(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null));
    client.resource(run).create();
  }

  private static String capture() {
    try {
      return LifecycleMockTest.capture("kubestone_sample_args.txt");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

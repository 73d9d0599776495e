package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.testing.Scrape;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /observe/metrics} on the health port: the operator's, the routes' and the results' series. */
class MetricsMockTest extends MockClusterTest {

  private static final String SCHEDULED = "namespace=\"" + NS + "\"";

  @Test
  void aScheduledRunsResultsAreExportedUntilTheRunIsDeleted() throws Exception {
    int port = freePort();
    fixture.start(Map.of(PipelineConfig.HEALTH_PORT, String.valueOf(port)), Step.Listener.NONE);
    Qperf run = new Qperf();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("nightly-1")
        .withLabels(Map.of(QperfResources.LABEL_SCHEDULE, "nightly")).build());
    run.setSpec(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null));
    client.resource(run).create();
    driveToEnd(List.of("nightly-1"), n -> capture(), Duration.ofSeconds(30));
    assertEquals(QperfPhase.Completed, fixture.get("nightly-1").getStatus().getPhase());

    await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.of(port).has("qperf_sink_deliveries_total",
        "sink=\"file\"") && Scrape.of(port).value("qperf_sink_deliveries_total", "sink=\"file\"").getAsDouble() == 1);
    Scrape scrape = Scrape.of(port);
    assertEquals(1.65e9, scrape.value("qperf_schedule_bandwidth_bytes_per_second", SCHEDULED,
        "schedule=\"nightly\"", "test=\"tcp_bw\"").orElseThrow());
    assertEquals(4.65e-6, scrape.value("qperf_schedule_latency_seconds", SCHEDULED, "schedule=\"nightly\"",
        "test=\"tcp_lat\"").orElseThrow(), 1e-12);
    assertEquals(1, scrape.value("qperf_runs_finished_total", "phase=\"Completed\"", "reason=\"Completed\"")
        .orElseThrow());
    assertEquals(1, scrape.value("qperf_runs", "phase=\"Completed\"").orElseThrow());
    assertEquals(1, scrape.value("qperf_leader").orElseThrow());
    assertEquals(0, scrape.value("qperf_work_queue_depth").orElseThrow());
    assertEquals(0, scrape.value("qperf_dead_letter_results", "sink=\"file\"").orElseThrow());
    assertTrue(scrape.value("qperf_reconcile_duration_seconds_count").orElseThrow() >= 3);
    assertTrue(scrape.has("qperf_reconcile_duration_seconds_bucket", "le=\"+Inf\""), "a histogram");
    assertTrue(scrape.text().contains("routeId=\"qperf-reconcile\""), "Camel's route policy: route metrics");
    assertTrue(scrape.has("jvm_memory_used_bytes") && scrape.has("jvm_threads_live_threads")
        && scrape.has("process_uptime_seconds"), "the JVM binders of application.properties");

    client.resource(fixture.get("nightly-1")).delete();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !Scrape.of(port).has("qperf_schedule_bandwidth_bytes_per_second", SCHEDULED));
    Scrape after = Scrape.of(port);
    assertFalse(after.has("qperf_schedule_latency_seconds", SCHEDULED));
    assertEquals(0, after.value("qperf_runs", "phase=\"Completed\"").orElseThrow());
    assertEquals(1, after.value("qperf_runs_finished_total", "phase=\"Completed\"").orElseThrow(), "a counter");
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

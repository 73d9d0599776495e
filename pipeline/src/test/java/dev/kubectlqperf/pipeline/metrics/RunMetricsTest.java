package dev.kubectlqperf.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RunMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static Qperf run(String name, Map<String, String> labels, QperfPhase phase, String reason, String completed,
      double bandwidth, double latency) {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withUid("uid-" + name)
        .withLabels(labels).build());
    QperfStatus s = new QperfStatus().setPhase(phase).setReason(reason).setCompletionTime(completed);
    s.setResults(List.of(
        new TestSummary("tcp_bw", true, null, Map.of("bw", new TestSummary.Headline(BigDecimal.valueOf(bandwidth), "B/s", "x"))),
        new TestSummary("tcp_lat", true, null, Map.of("latency", new TestSummary.Headline(BigDecimal.valueOf(latency), "s", "x")))));
    q.setStatus(s);
    return q;
  }

  private static Qperf scheduled(String name, String schedule, String completed, double bandwidth) {
    return run(name, Map.of(QperfResources.LABEL_SCHEDULE, schedule), QperfPhase.Completed, "Completed", completed,
        bandwidth, 5e-6);
  }

  private Double gauge(String metric, String... tags) {
    Gauge g = registry.find(metric).tags(tags).gauge();
    return g == null ? null : g.value();
  }

  @Test
  void theLatestRunOfAScheduleSetsItsGaugesPerTestAndTheirSeriesGoWithThatRun() {
    RunMetrics metrics = new RunMetrics(registry, 100, "CAP");
    metrics.onAdd(scheduled("n-2", "nightly", "2026-11-27T02:00:00Z", 2e9));
    metrics.onAdd(scheduled("n-1", "nightly", "2026-11-27T01:00:00Z", 1e9)); // seen late, older: ignored
    assertEquals(2e9, gauge(ResultPoints.SCHEDULE_BANDWIDTH, "namespace", "ns", "schedule", "nightly", "test", "tcp_bw"));
    assertEquals(5e-6, gauge(ResultPoints.SCHEDULE_LATENCY, "schedule", "nightly", "test", "tcp_lat"));
    assertNull(gauge(ResultPoints.SCHEDULE_BANDWIDTH, "test", "tcp_lat"), "tcp_lat has no bandwidth");

    metrics.onDelete(scheduled("n-1", "nightly", "2026-11-27T01:00:00Z", 1e9), false);
    assertEquals(2e9, gauge(ResultPoints.SCHEDULE_BANDWIDTH, "schedule", "nightly"), "n-1 did not own it");
    metrics.onDelete(scheduled("n-2", "nightly", "2026-11-27T02:00:00Z", 2e9), false);
    assertNull(gauge(ResultPoints.SCHEDULE_BANDWIDTH, "schedule", "nightly"));
    assertEquals(0, metrics.resultSeries());
  }

  @Test
  void aMatrixChildSetsThePairsGauges() {
    Map<String, String> labels = Map.of(QperfResources.LABEL_MATRIX, "mesh", QperfResources.LABEL_SCENARIO, "PodToPod",
        QperfResources.LABEL_SRC_NODE, "node-a", QperfResources.LABEL_DST_NODE, "node-b");
    new RunMetrics(registry, 100, "CAP").onAdd(run("mesh-1", labels, QperfPhase.Completed, "Completed", "t", 3e9, 7e-6));
    assertEquals(3e9, gauge(ResultPoints.MATRIX_BANDWIDTH, "namespace", "ns", "matrix", "mesh", "scenario", "PodToPod",
        "src_node", "node-a", "dst_node", "node-b"));
    assertEquals(7e-6, gauge(ResultPoints.MATRIX_LATENCY, "matrix", "mesh"));
  }

  @Test
  void aRunOfNeitherAScheduleNorAMatrixOrNotCompletedExportsNoResult() {
    RunMetrics metrics = new RunMetrics(registry, 100, "CAP");
    metrics.onAdd(run("plain", Map.of(), QperfPhase.Completed, "Completed", "t", 1e9, 1e-6));
    metrics.onAdd(run("failed", Map.of(QperfResources.LABEL_SCHEDULE, "s"), QperfPhase.Failed, "Timeout", "t", 1e9, 1e-6));
    assertEquals(0, metrics.resultSeries());
  }

  @Test
  void runsAreCountedOnceWhenTheyReachAFinalPhaseWithTheirReason() {
    RunMetrics metrics = new RunMetrics(registry, 100, "CAP");
    Qperf running = run("r", Map.of(), QperfPhase.Running, null, null, 0, 0);
    Qperf failed = run("r", Map.of(), QperfPhase.Failed, "Timeout", "t", 0, 0);
    metrics.onAdd(running);
    assertEquals(1, gauge("qperf_runs", "phase", "Running"));
    metrics.onUpdate(running, failed);
    metrics.onUpdate(failed, failed); // a resync: no change of phase
    assertEquals(1, registry.find("qperf_runs_finished").tags("phase", "Failed", "reason", "Timeout").counter().count());
    assertEquals(0, registry.find("qperf_runs_finished").tags("phase", "Completed").counter().count());
    assertEquals(0, gauge("qperf_runs", "phase", "Running"));
    assertEquals(1, gauge("qperf_runs", "phase", "Failed"));
    metrics.onDelete(failed, false);
    assertEquals(0, gauge("qperf_runs", "phase", "Failed"));
  }

  @Test
  void theCapStopsNewSeriesWithOneLogLineUntilRunsAreDeleted() {
    Logger logger = (Logger) LoggerFactory.getLogger(CappedGauges.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      RunMetrics metrics = new RunMetrics(registry, 4, "QPERF_METRICS_MAX_SERIES");
      for (int i = 1; i <= 4; i++) {
        metrics.onAdd(scheduled("s" + i, "schedule-" + i, "t", i)); // 2 series each: bandwidth and latency
      }
      assertEquals(4, metrics.resultSeries());
      assertNull(gauge(ResultPoints.SCHEDULE_BANDWIDTH, "schedule", "schedule-3"));
      assertEquals(1, log.list.size(), log.list.toString());
      assertTrue(log.list.get(0).getFormattedMessage().contains("QPERF_METRICS_MAX_SERIES=4"),
          log.list.get(0).getFormattedMessage());

      metrics.onDelete(scheduled("s1", "schedule-1", "t", 1), false);
      metrics.onUpdate(scheduled("s3", "schedule-3", "t", 3), scheduled("s3", "schedule-3", "t", 3));
      assertEquals(3.0, gauge(ResultPoints.SCHEDULE_BANDWIDTH, "schedule", "schedule-3"), "room again");
    } finally {
      logger.detachAppender(log);
    }
  }
}

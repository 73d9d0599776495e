package dev.kubectlqperf.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.schedule.RunMetric;
import dev.kubectlqperf.model.schedule.RunSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTrendsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduleTrends trends = new ScheduleTrends(registry, 10, "CAP");

  private Double regressed(String namespace, String schedule) {
    Gauge g = registry.find(ScheduleTrends.METRIC).tags("namespace", namespace, "schedule", schedule).gauge();
    return g == null ? null : g.value();
  }

  @Test
  void oneWhileRegressedZeroOtherwiseAndGoneWithTheSchedule() {
    trends.scheduleTrend("ns", "nightly", "Stable");
    trends.scheduleTrend("other", "nightly", "Regressed");
    assertEquals(0, regressed("ns", "nightly"));
    assertEquals(1, regressed("other", "nightly"));
    trends.scheduleTrend("ns", "nightly", "Regressed");
    assertEquals(1, regressed("ns", "nightly"));
    trends.scheduleTrend("ns", "nightly", "Improved");
    assertEquals(0, regressed("ns", "nightly"));
    trends.scheduleTrend("ns", "nightly", null);
    assertEquals(0, regressed("ns", "nightly"));

    trends.forget("ns", "nightly");
    assertNull(regressed("ns", "nightly"));
    assertEquals(1, regressed("other", "nightly"));
  }

  @Test
  void aMatrixRunsMediansAreTheSchedulesResultGaugesUntilANewerOneAndGoWithTheSchedule() {
    trends.matrixRun("ns", "mx", matrixRun("2026-11-27T10:02:00Z", 30e-6));
    trends.matrixRun("ns", "mx", matrixRun("2026-11-27T10:01:00Z", 90e-6)); // seen late: older, ignored
    trends.matrixRun("ns", "mx", new RunSummary("mx-3", "t", null, QperfPhase.Running, null, null, null));
    Gauge latency = registry.find(ResultPoints.SCHEDULE_LATENCY).tags("namespace", "ns", "schedule", "mx", "test",
        "PodToPod").gauge();
    assertEquals(30e-6, latency.value());
    assertEquals(1e9, registry.find(ResultPoints.SCHEDULE_BANDWIDTH).tags("test", "PodToPod").gauge().value());
    trends.forget("ns", "mx");
    assertNull(registry.find(ResultPoints.SCHEDULE_LATENCY).gauge());
  }

  private static RunSummary matrixRun(String completed, double latency) {
    return new RunSummary("mx-" + completed, completed, completed, QperfPhase.Completed, "Passed", null, List.of(
        new RunMetric("PodToPod", "bw", "B/s", 2, 1e9, null, null),
        new RunMetric("PodToPod", "latency", "s", 2, latency, null, null)));
  }
}

package dev.kubectlqperf.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
}

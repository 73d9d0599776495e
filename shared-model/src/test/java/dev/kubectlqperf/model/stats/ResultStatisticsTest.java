package dev.kubectlqperf.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultStatisticsTest {

  @Test
  void repetitionsOfTheSameTestArePooledPerMetric() {
    List<TestResult> blocks = new ArrayList<>();
    for (int rep = 1; rep <= 3; rep++) {
      blocks.add(bw(rep + "e9").inRepetition(rep));
      blocks.add(lat((rep * 2) + "e-6").inRepetition(rep));
    }
    List<MetricStatistics> stats = ResultStatistics.of(blocks);
    assertEquals(2, stats.size());
    MetricStatistics bw = stats.get(0);
    assertEquals("tcp_bw", bw.test());
    assertEquals("bw", bw.metric());
    assertEquals("B/s", bw.unit());
    assertEquals(3, bw.count());
    assertEquals(2e9, bw.mean(), 1);
    assertNull(bw.occurrence());
    assertEquals(4e-6, stats.get(1).mean(), 1e-12);
    assertEquals("s", stats.get(1).unit());
  }

  @Test
  void loopIterationsAreGroupedByTheirLoopValues() {
    List<TestResult> blocks = List.of(
        looped("1 bytes", "5e-6").inRepetition(1), looped("64 KB", "9e-6").inRepetition(1),
        looped("1 bytes", "7e-6").inRepetition(2), looped("64 KB", "11e-6").inRepetition(2));
    List<MetricStatistics> stats = ResultStatistics.of(blocks);
    assertEquals(2, stats.size());
    assertEquals(Map.of("msg_size", "1 bytes"), stats.get(0).loop());
    assertEquals(6e-6, stats.get(0).mean(), 1e-12);
    assertEquals(10e-6, stats.get(1).mean(), 1e-12);
    assertEquals(2, stats.get(1).count());
  }

  @Test
  void aTestPrintedTwicePerRepetitionWithoutLoopValuesIsKeptApartByPosition() {
    List<TestResult> blocks = List.of(lat("5e-6").inRepetition(1), lat("9e-6").inRepetition(1),
        lat("7e-6").inRepetition(2), lat("11e-6").inRepetition(2));
    List<MetricStatistics> stats = ResultStatistics.of(blocks);
    assertEquals(2, stats.size());
    assertEquals(1, stats.get(0).occurrence());
    assertEquals(6e-6, stats.get(0).mean(), 1e-12);
    assertEquals(2, stats.get(1).occurrence());
    assertEquals("tcp_lat #2", stats.get(1).label());
  }

  @Test
  void failedBlocksAndStringMetricsAreNoSamples() {
    TestResult failed = new TestResult("tcp_bw", false, "server: timed out", Map.of(), Map.of(), List.of())
        .inRepetition(2);
    TestResult conf = new TestResult("conf", true, null, Map.of("loc_os", Metric.string("Linux")), Map.of(),
        List.of());
    List<MetricStatistics> stats = ResultStatistics.of(List.of(bw("1e9").inRepetition(1), failed, conf));
    assertEquals(1, stats.size());
    assertEquals(1, stats.get(0).count());
  }

  private static TestResult bw(String value) {
    return block("tcp_bw", "bw", Metric.number(new BigDecimal(value), Unit.BYTES_PER_SECOND, value), Map.of());
  }

  private static TestResult lat(String value) {
    return block("tcp_lat", "latency", Metric.number(new BigDecimal(value), Unit.SECONDS, value), Map.of());
  }

  private static TestResult looped(String size, String latency) {
    return block("tcp_lat", "latency", Metric.number(new BigDecimal(latency), Unit.SECONDS, latency),
        Map.of("msg_size", Metric.number(BigDecimal.ONE, Unit.BYTES, size)));
  }

  private static TestResult block(String test, String name, Metric metric, Map<String, Metric> loop) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put(name, metric);
    return new TestResult(test, true, null, metrics, loop, List.of());
  }
}

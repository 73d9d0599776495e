package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendAnalysisTest {

  /** Runs with these bandwidth means (GB/s), oldest first; one repetition each. */
  private static List<RunSummary> runs(double... gbPerSecond) {
    List<RunSummary> runs = new ArrayList<>();
    for (int i = 0; i < gbPerSecond.length; i++) {
      runs.add(run(i, QperfPhase.Completed, new RunMetric("tcp_bw", "bw", "B/s", 1, gbPerSecond[i] * 1e9, null, null),
          new RunMetric("tcp_lat", "latency", "s", 1, 20e-6, null, null)));
    }
    Collections.reverse(runs);
    return runs;
  }

  private static RunSummary run(int minute, QperfPhase phase, RunMetric... metrics) {
    String due = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * minute).toString();
    return new RunSummary("s-" + minute, due, due, phase, null, null, metrics.length == 0 ? null : List.of(metrics));
  }

  @Test
  void tooFewRunsAreInsufficientHistory() {
    Trend trend = TrendAnalysis.of(runs(1, 1, 1, 1, 1), 5, 5, null);
    assertEquals(TrendVerdict.InsufficientHistory, trend.verdict());
    assertEquals(4, trend.baselineRuns());
  }

  @Test
  void fiveRunsAtOneSpeedThenASlowerOneRegressed() {
    Trend trend = TrendAnalysis.of(runs(1.00, 1.02, 0.98, 1.01, 0.99, 0.60), 5, 5, null);
    assertEquals(TrendVerdict.Regressed, trend.verdict());
    assertEquals("tcp_bw bw", trend.metric());
    assertEquals(-40.0, trend.changePercent());
    assertEquals("s-5", trend.latestRun());
    assertEquals("2026-11-27T10:05:00Z", trend.since());
    assertEquals(5, trend.baselineRuns());
    assertTrue(trend.message().contains("tcp_bw bw regressed -40.0 %"), trend.message());
  }

  @Test
  void withinTheNoiseIsStable() {
    assertEquals(TrendVerdict.Stable, TrendAnalysis.of(runs(1.00, 1.02, 0.98, 1.01, 0.99, 0.97), 5, 5, null).verdict());
  }

  @Test
  void fasterIsImproved() {
    Trend trend = TrendAnalysis.of(runs(1.00, 1.02, 0.98, 1.01, 0.99, 1.5), 5, 5, null);
    assertEquals(TrendVerdict.Improved, trend.verdict());
    assertEquals(50.0, trend.changePercent());
  }

  @Test
  void aRegressionStaysDatedFromItsFirstRun() {
    Trend first = TrendAnalysis.of(runs(1, 1, 1, 1, 1, 0.5), 5, 5, null);
    Trend second = TrendAnalysis.of(runs(1, 1, 1, 1, 1, 0.5, 0.5), 5, 5, first);
    assertEquals(TrendVerdict.Regressed, second.verdict());
    assertEquals("s-6", second.latestRun());
    assertEquals(first.since(), second.since());
  }

  @Test
  void aLatestRunWithAnIntervalIsJudgedByTheIntervals() {
    List<RunSummary> history = new ArrayList<>(runs(1.00, 1.02, 0.98, 1.01, 0.99));
    // 8 % slower, but its own interval is wide enough to reach the baseline's: noise
    history.add(0, run(9, QperfPhase.Completed, new RunMetric("tcp_bw", "bw", "B/s", 3, 0.92e9, 0.80e9, 1.04e9)));
    assertEquals(TrendVerdict.Stable, TrendAnalysis.of(history, 5, 5, null).verdict());
    history.set(0, run(9, QperfPhase.Completed, new RunMetric("tcp_bw", "bw", "B/s", 3, 0.92e9, 0.91e9, 0.93e9)));
    assertEquals(TrendVerdict.Regressed, TrendAnalysis.of(history, 5, 5, null).verdict());
  }

  @Test
  void failedAndRunningRunsAreNeitherLatestNorBaseline() {
    List<RunSummary> history = new ArrayList<>(runs(1, 1, 1, 1, 1, 0.5));
    history.add(0, run(10, QperfPhase.Failed));
    history.add(0, run(11, QperfPhase.Running));
    Trend trend = TrendAnalysis.of(history, 5, 5, null);
    assertEquals(TrendVerdict.Regressed, trend.verdict());
    assertEquals("s-5", trend.latestRun());
  }

  @Test
  void higherLatencyIsARegression() {
    List<RunSummary> history = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      history.add(0, run(i, QperfPhase.Completed, new RunMetric("tcp_lat", "latency", "s", 1, 20e-6 + i * 1e-8, null,
          null)));
    }
    history.add(0, run(5, QperfPhase.Completed, new RunMetric("tcp_lat", "latency", "s", 1, 30e-6, null, null)));
    Trend trend = TrendAnalysis.of(history, 5, 5, null);
    assertEquals(TrendVerdict.Regressed, trend.verdict());
    assertEquals("tcp_lat latency", trend.metric());
  }
}

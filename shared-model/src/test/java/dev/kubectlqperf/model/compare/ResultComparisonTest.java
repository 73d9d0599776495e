package dev.kubectlqperf.model.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.compare.MetricChange.Noise;
import dev.kubectlqperf.model.compare.MetricChange.Outcome;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.stats.ResultStatistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {

  @Test
  void identicalRunsAreUnchanged() {
    QperfResult a = runs(new String[] {"1.8", "1.9", "2.0"}, new String[] {"7.0", "7.1", "7.2"});
    List<MetricChange> changes = ResultComparison.compare(a, a, 5);
    assertEquals(2, changes.size());
    assertTrue(changes.stream().allMatch(c -> c.outcome() == Outcome.UNCHANGED && c.changePercent() == 0));
  }

  @Test
  void lessBandwidthAndMoreLatencyBeyondTheIntervalsAreRegressions() {
    QperfResult before = runs(new String[] {"1.8", "1.9", "2.0"}, new String[] {"7.0", "7.1", "7.2"});
    QperfResult after = runs(new String[] {"1.2", "1.25", "1.3"}, new String[] {"6.0", "6.1", "6.2"});
    List<MetricChange> changes = ResultComparison.compare(before, after, 5);
    MetricChange bw = changes.get(0);
    assertEquals(Outcome.REGRESSION, bw.outcome());
    assertEquals(Noise.INTERVALS_APART, bw.noise());
    assertEquals(-34.2, bw.changePercent(), 0.1);
    assertEquals(Outcome.IMPROVEMENT, changes.get(1).outcome(), "less latency is better");
  }

  @Test
  void overlappingIntervalsAreNoiseWhateverTheChange() {
    QperfResult before = runs(new String[] {"1.0", "2.0", "3.0"}, new String[] {"7.0", "7.1", "7.2"});
    QperfResult after = runs(new String[] {"1.0", "1.5", "2.0"}, new String[] {"7.0", "7.1", "7.2"});
    MetricChange bw = ResultComparison.compare(before, after, 5).get(0);
    assertEquals(Noise.INTERVALS_OVERLAP, bw.noise());
    assertEquals(Outcome.UNCHANGED, bw.outcome());
  }

  @Test
  void singleSamplesAreJudgedByTheRelativeThreshold() {
    QperfResult before = runs(new String[] {"2.0"}, new String[] {"7.0"});
    QperfResult slightlySlower = runs(new String[] {"1.95"}, new String[] {"7.5"});
    List<MetricChange> changes = ResultComparison.compare(before, slightlySlower, 5);
    assertEquals(Noise.WITHIN_THRESHOLD, changes.get(0).noise(), "-2.5 % is within 5 %");
    assertEquals(Noise.BEYOND_THRESHOLD, changes.get(1).noise(), "+7.1 % latency is beyond 5 %");
    assertTrue(changes.get(1).isRegression());
  }

  @Test
  void aVersion1DocumentWithoutStatisticsIsComparedFromItsBlocks() {
    QperfResult v1 = QperfOutputParser.parse("tcp_bw:\n    bw  =  2.0 GB/sec\ntcp_lat:\n    latency  =  7.0 us\n", 0);
    QperfResult worse = runs(new String[] {"1.0"}, new String[] {"7.0"});
    assertTrue(ResultComparison.compare(v1, worse, 5).get(0).isRegression());
  }

  @Test
  void aMeasurementOnlyTheCandidateHasIsListedApart() {
    QperfResult before = runs(new String[] {"2.0"}, new String[] {"7.0"});
    QperfResult withUdp = QperfOutputParser.parse("tcp_bw:\n    bw  =  2.0 GB/sec\nudp_lat:\n    latency  =  9 us\n", 0);
    assertEquals("udp_lat", ResultComparison.unmatched(before, withUdp.withStatistics(
        ResultStatistics.of(withUdp.tests()))).get(0).test());
  }

  private static QperfResult runs(String[] gbPerSec, String[] us) {
    List<TestResult> blocks = new ArrayList<>();
    for (int i = 0; i < gbPerSec.length; i++) {
      QperfResult r = QperfOutputParser.parse(
          "tcp_bw:\n    bw  =  " + gbPerSec[i] + " GB/sec\ntcp_lat:\n    latency  =  " + us[i] + " us\n", 0);
      int n = i + 1;
      r.tests().forEach(t -> blocks.add(t.inRepetition(n)));
    }
    return new QperfResult(QperfResult.SCHEMA, true, null, 0, blocks, List.of(), List.of(), List.of(), null,
        ResultStatistics.of(blocks), null);
  }
}

package dev.kubectlqperf.model.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.model.stats.Statistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdCheckTest {

  private static final MetricStatistics BW =
      MetricStatistics.of("tcp_bw", Map.of(), null, "bw", "B/s", Statistics.of(1.8e9, 1.9e9, 2.0e9));
  private static final MetricStatistics LAT =
      MetricStatistics.of("tcp_lat", Map.of(), null, "latency", "s", Statistics.of(7e-6, 7.2e-6, 30e-6));
  private static final MetricStatistics ONE_SAMPLE =
      MetricStatistics.of("udp_bw", Map.of(), null, "send_bw", "B/s", Statistics.of(1e9));

  @Test
  void noRulesNoVerdict() {
    assertNull(ThresholdCheck.evaluate(List.of(), List.of(BW)));
    assertNull(ThresholdCheck.evaluateSpec(null, List.of(BW)));
  }

  @Test
  void aRuleThatDoesNotParseFailsWithItsReasonInsteadOfThrowing() {
    Verdict v = ThresholdCheck.evaluateSpec(List.of("tcp_bw bw at least 1 GB/sec", "fast"), List.of(BW));
    assertFalse(v.passed());
    assertTrue(v.rules().get(0).passed());
    assertTrue(v.rules().get(1).detail().contains("has no comparison"), v.rules().get(1).detail());
  }

  @Test
  void passingRulesSayWhatTheyMeasured() {
    Verdict v = verdict("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p50 at most 10 us");
    assertTrue(v.passed());
    assertEquals(Verdict.Outcome.Passed, v.result());
    assertEquals("tcp_bw bw mean 1.9 GB/sec", v.rules().get(0).detail());
    assertEquals("tcp_lat latency p50 7.2 us", v.rules().get(1).detail());
  }

  @Test
  void aFailingRuleFailsTheVerdictAndSaysWhy() {
    Verdict v = verdict("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p99 at most 20 us");
    assertFalse(v.passed());
    assertEquals(1, v.failedRules().size());
    assertEquals("tcp_lat latency p99 at most 20 us", v.failedRules().get(0).rule());
    assertEquals("tcp_lat latency p99 29.5 us is not at most 20 us", v.failedRules().get(0).detail());
  }

  @Test
  void cvWithoutMetricJudgesEveryHeadlineMetric() {
    Verdict v = verdict("cv at most 10 %");
    assertFalse(v.passed());
    String detail = v.rules().get(0).detail();
    assertTrue(detail.contains("tcp_lat latency cv 89.7 % is not at most 10.0 %"), detail);
    assertTrue(detail.contains("udp_bw send_bw cv needs at least 2 samples, has 1"), detail);
    assertFalse(detail.contains("tcp_bw"), "tcp_bw's cv is 5.3 % and passes: " + detail);
  }

  @Test
  void aRuleWithNothingToJudgeFails() {
    Verdict v = verdict("udp_lat latency at most 1 ms");
    assertFalse(v.passed());
    assertEquals("no udp_lat latency in the result", v.rules().get(0).detail());
  }

  @Test
  void strictComparisonsExcludeTheLimit() {
    assertFalse(verdict("tcp_bw bw min above 1800 MB/sec").passed());
    assertTrue(verdict("tcp_bw bw min at least 1800 MB/sec").passed());
    assertFalse(verdict("tcp_bw bw max below 2 GB/sec").passed());
  }

  @Test
  void aRuleWithoutTestJudgesEveryTestWithTheMetric() {
    MetricStatistics otherBw = MetricStatistics.of("udp_bw", Map.of(), null, "bw", "B/s", Statistics.of(5e8, 6e8));
    Verdict v = ThresholdCheck.evaluate(List.of(ThresholdParser.parse("bw at least 1 GB/sec")), List.of(BW, otherBw));
    assertFalse(v.passed());
    assertEquals("udp_bw bw mean 550 MB/sec is not at least 1 GB/sec", v.rules().get(0).detail());
  }

  private static Verdict verdict(String... rules) {
    return ThresholdCheck.evaluateSpec(List.of(rules), List.of(BW, LAT, ONE_SAMPLE));
  }
}

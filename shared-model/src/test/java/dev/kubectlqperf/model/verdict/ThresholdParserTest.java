package dev.kubectlqperf.model.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThresholdParserTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      tcp_bw bw at least 1 GB/sec         | tcp_bw  | bw       | MEAN   | AT_LEAST | 1e9     | B/s
      tcp_bw bw >= 1 GB/sec               | tcp_bw  | bw       | MEAN   | AT_LEAST | 1e9     | B/s
      tcp_bw bw>=1GB/sec                  | tcp_bw  | bw       | MEAN   | AT_LEAST | 1e9     | B/s
      bw min at least 800 Mb/sec          |         | bw       | MIN    | AT_LEAST | 1e8     | B/s
      tcp_lat latency p99 at most 50 us   | tcp_lat | latency  | P99    | AT_MOST  | 5e-5    | s
      tcp_lat latency p90 < 1 ms          | tcp_lat | latency  | P90    | BELOW    | 1e-3    | s
      udp_lat latency p50 <= 900 ns       | udp_lat | latency  | P50    | AT_MOST  | 9e-7    | s
      tcp_lat latency max below 2 ms      | tcp_lat | latency  | MAX    | BELOW    | 2e-3    | s
      tcp_bw msg_rate above 10 K/sec      | tcp_bw  | msg_rate | MEAN   | ABOVE    | 1e4     | 1/s
      tcp_bw bw sd at most 50 MB/sec      | tcp_bw  | bw       | STDDEV | AT_MOST  | 5e7     | B/s
      tcp_bw bw stddev <= 50 MB/sec       | tcp_bw  | bw       | STDDEV | AT_MOST  | 5e7     | B/s
      tcp_bw send_cost at most 1 sec/GB   | tcp_bw  | send_cost| MEAN   | AT_MOST  | 1       | s/GB
      cv at most 10 %                     |         |          | CV     | AT_MOST  | 10      | %
      tcp_bw cv <= 5%                     | tcp_bw  |          | CV     | AT_MOST  | 5       | %
      tcp_lat latency cv at most 2.5      | tcp_lat | latency  | CV     | AT_MOST  | 2.5     | %
      TCP_BW BW AT LEAST 1 GB/SEC         |         |          |        |          |         |
      """)
  void everyFormReadsTheSameWay(String text, String test, String metric, Statistic stat, Comparison cmp,
      Double limit, String unit) {
    if (stat == null) {
      // Test, metric and unit names are qperf's, which are lower case.
      assertThrows(IllegalArgumentException.class, () -> ThresholdParser.parse(text));
      return;
    }
    Threshold t = ThresholdParser.parse(text);
    assertEquals(text, t.text());
    assertEquals(test, t.test());
    assertEquals(metric, t.metric());
    assertEquals(stat, t.statistic());
    assertEquals(cmp, t.comparison());
    assertEquals(limit, t.limit(), limit * 1e-12);
    assertEquals(unit, t.unit());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      tcp_bw bw 1 GB/sec                   | has no comparison
      tcp_bw bw at least                   | has no value after 'at least'
      tcp_bw at least 1 GB/sec             | names no metric
      tcp_bw bandwidth at least 1 GB/sec   | unknown metric 'bandwidth'
      tcp_bw bw at least 1 GB/s            | '1 GB/s' is not a number with a unit qperf prints; bw takes bytes/sec, KB/sec
      tcp_bw bw at least fast              | 'fast' is not a number with a unit qperf prints
      tcp_lat latency at most 1 GB/sec     | latency is measured in ns, us, ms or sec, not 'GB/sec'
      tcp_bw bw at least 50 us             | bw is measured in bytes/sec
      cv at most ten %                     | cv takes a percentage such as '10 %', got 'ten %'
      cv at most -3 %                      | cv takes a percentage
      tcp_bw bw mean p99 at least 1 GB/sec | cannot tell test, metric and statistic apart in 'bw mean'
      """)
  void badRulesSayWhatIsWrong(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdParser.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void anEmptyRuleShowsTheForm() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdParser.parse(" "));
    assertTrue(e.getMessage().contains("e.g. 'tcp_bw bw at least 1 GB/sec'"), e.getMessage());
  }

  @Test
  void aRuleWithoutTestAppliesToEveryTest() {
    assertNull(ThresholdParser.parse("latency p99 at most 50 us").test());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      tcp_bw bw sum at least 3 GB/sec       | tcp_bw | bw       | MEAN | AT_LEAST | 3e9
      bw sum >= 3 GB/sec                    |        | bw       | MEAN | AT_LEAST | 3e9
      tcp_bw bw sum min at least 2 GB/sec   | tcp_bw | bw       | MIN  | AT_LEAST | 2e9
      udp_bw recv_bw sum cv at most 5 %     | udp_bw | recv_bw  | CV   | AT_MOST  | 5
      rc_rdma_write_lat msg_rate sum above 1 M/sec | rc_rdma_write_lat | msg_rate | MEAN | ABOVE | 1e6
      """)
  void sumJudgesTheAggregateOfParallelStreams(String text, String test, String metric, Statistic stat,
      Comparison cmp, double limit) {
    Threshold t = ThresholdParser.parse(text);
    assertTrue(t.sum(), text);
    assertEquals(test, t.test());
    assertEquals(metric, t.metric());
    assertEquals(stat, t.statistic());
    assertEquals(cmp, t.comparison());
    assertEquals(limit, t.limit(), limit * 1e-12);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      tcp_lat latency sum at most 50 us | latency has no sum
      sum at least 3 GB/sec             | names no metric
      tcp_bw sum bw at least 3 GB/sec   | cannot tell test, metric and statistic apart
      """)
  void sumOnlyAddsBandwidthsAndRates(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdParser.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aRuleWithoutSumIsNotOnTheAggregate() {
    assertEquals(false, ThresholdParser.parse("tcp_bw bw at least 1 GB/sec").sum());
  }
}

package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

  @Test
  void aCompletedRunShowsItsVerdictHeadlinesAndWhereToLookNext() throws Exception {
    JsonNode payload = new ObjectMapper().readTree(
        SlackMessage.payload(Results.of("tcp_bw_tcp_lat.txt", "nightly", "u1"), "#perf"));
    assertEquals("#perf", payload.get("channel").asText());
    assertEquals("""
        :white_check_mark: Qperf *bench/nightly* completed (server node-a, client node-b)
        • tcp_bw 2.02 GB/sec
        • tcp_lat 7.02 us
        Next: `kubectl qperf results nightly -n bench`""", payload.get("text").asText());
  }

  @Test
  void aFailedRunSaysWhyAndPointsAtTheLogs() throws Exception {
    String text = new ObjectMapper().readTree(
        SlackMessage.payload(Results.of("multi_test_mid_failure.txt", "mid", "u3"), null)).get("text").asText();
    assertTrue(text.startsWith(":x: Qperf *bench/mid* failed: "), text);
    assertTrue(text.contains("`kubectl qperf describe mid -n bench`, `kubectl qperf logs mid -n bench`"), text);
  }

  @Test
  void noChannelMeansTheWebhooksOwn() {
    assertFalse(SlackMessage.payload(Results.of("tcp_bw_tcp_lat.txt", "r", "u"), null).contains("channel"));
  }
}

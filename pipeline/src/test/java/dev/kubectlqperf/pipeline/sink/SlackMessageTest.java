package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.kubectlqperf.pipeline.sink.Results.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

  @Test
  void aCompletedRunShowsItsVerdictHeadlinesAndWhereToLookNext() throws Exception {
    JsonNode payload = new ObjectMapper().readTree(
        SlackMessage.payload(Results.of("tcp_bw_tcp_lat.txt", "nightly", "u1"), "#perf"));
    assertEquals("#perf", payload.get("channel").asText());
    assertEquals(":white_check_mark: Qperf *bench/nightly* completed (server node-a, client node-b)",
        payload.get("text").asText());
    JsonNode attachment = payload.get("attachments").get(0);
    assertEquals("good", attachment.get("color").asText());
    assertEquals("""
        • tcp_bw 2.02 GB/sec
        • tcp_lat 7.02 us
        Next: `kubectl qperf results nightly -n bench`""", attachment.get("text").asText());
  }

  @Test
  void aPassingVerdictIsTheGreenFirstLineWithEachRuleBelow() throws Exception {
    JsonNode payload = new ObjectMapper().readTree(SlackMessage.payload(Results.repeated("gate",
        List.of("tcp_bw bw at least 1 GB/sec"), output("1.8 GB/sec", "7.0 us"), output("2.0 GB/sec", "7.2 us")), null));
    assertEquals(":white_check_mark: Qperf *bench/gate* passed: all 1 thresholds met (server unknown, client node-b)",
        payload.get("text").asText());
    JsonNode attachment = payload.get("attachments").get(0);
    assertEquals("good", attachment.get("color").asText());
    assertEquals("""
        • tcp_bw 1.9 GB/sec ±7.4% (n=2, p99 2 GB/sec)
        • tcp_lat 7.1 us ±2.0% (n=2, p99 7.2 us)
        ✓ tcp_bw bw at least 1 GB/sec: tcp_bw bw mean 1.9 GB/sec
        Next: `kubectl qperf results gate -n bench`""", attachment.get("text").asText());
  }

  @Test
  void aFailingVerdictIsTheRedFirstLineNamingTheRule() throws Exception {
    JsonNode payload = new ObjectMapper().readTree(SlackMessage.payload(Results.repeated("gate",
        List.of("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p99 at most 5 us"), output("1.8 GB/sec", "7.0 us"),
        output("2.0 GB/sec", "7.2 us")), null));
    assertEquals(":x: Qperf *bench/gate* failed its thresholds: tcp_lat latency p99 at most 5 us: tcp_lat latency "
        + "p99 7.2 us is not at most 5 us (server unknown, client node-b)", payload.get("text").asText());
    assertEquals("danger", payload.get("attachments").get(0).get("color").asText());
    assertTrue(payload.get("attachments").get(0).get("text").asText().contains("✗ tcp_lat latency p99 at most 5 us"));
  }

  @Test
  void aFailedRunSaysWhyAndPointsAtTheLogs() throws Exception {
    JsonNode payload = new ObjectMapper().readTree(
        SlackMessage.payload(Results.of("multi_test_mid_failure.txt", "mid", "u3"), null));
    String text = payload.get("text").asText();
    assertTrue(text.startsWith(":x: Qperf *bench/mid* failed: "), text);
    assertEquals("danger", payload.get("attachments").get(0).get("color").asText());
    String details = payload.get("attachments").get(0).get("text").asText();
    assertTrue(details.contains("`kubectl qperf describe mid -n bench`, `kubectl qperf logs mid -n bench`"), details);
  }

  @Test
  void noChannelMeansTheWebhooksOwn() {
    assertFalse(SlackMessage.payload(Results.of("tcp_bw_tcp_lat.txt", "r", "u"), null).contains("channel"));
  }
}

package dev.kubectlqperf.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  private static final String WEBHOOK = "https://hooks.slack.com/services/T1/B2/abcdefSECRET";

  @Test
  void sinksKeepTheirOrderAndUnknownOnesAreRefusedByName() {
    assertEquals(List.of(Sink.SLACK, Sink.FILE), List.copyOf(SinkConfig.fromMap(
        Map.of(SinkConfig.SINKS, "slack, file", SinkConfig.SLACK_WEBHOOK_URL, WEBHOOK)).enabled()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SinkConfig.fromMap(Map.of(SinkConfig.SINKS, "file,kafka")));
    assertEquals("QPERF_SINKS: unknown sink 'kafka' (known: file, influxdb, slack)", e.getMessage());
  }

  @Test
  void slackWithoutAWebhookIsAConfigurationError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SinkConfig.fromMap(Map.of(SinkConfig.SINKS, "slack")));
    assertEquals("QPERF_SINKS has slack, but QPERF_SLACK_WEBHOOK_URL is not set", e.getMessage());
  }

  @Test
  void secretsAreRedactedAndNeverPrinted() {
    SinkConfig config = SinkConfig.fromMap(Map.of(SinkConfig.SINKS, "slack,influxdb", SinkConfig.SLACK_WEBHOOK_URL,
        WEBHOOK, SinkConfig.INFLUXDB_PASSWORD, "hunter22"));
    assertFalse(config.toString().contains("SECRET"));
    assertFalse(config.toString().contains("hunter22"));
    assertEquals("POST (secret) failed; path (secret); password (secret)",
        config.redact("POST " + WEBHOOK + " failed; path /services/T1/B2/abcdefSECRET; password hunter22"));
  }

  @Test
  void retriesAndDirectoriesHaveDefaults() {
    SinkConfig config = SinkConfig.fromMap(Map.of(SinkConfig.RESULTS_DIR, "/var/lib/qperf"));
    assertTrue(config.enabled().isEmpty());
    assertEquals(5, config.retries());
    assertEquals("/var/lib/qperf/dead-letter", config.deadLetterDir().toString());
    assertThrows(IllegalArgumentException.class, () -> SinkConfig.fromMap(Map.of(SinkConfig.RETRIES, "-1")));
  }
}

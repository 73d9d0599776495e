package dev.kubectlqperf.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CamelPropertiesTest {

  @Test
  void theEnvironmentBecomesCamelProperties() {
    Map<String, String> camel = CamelProperties.of(PipelineConfig.fromMap(Map.of(PipelineConfig.IDENTITY, "pod-1",
        PipelineConfig.RESYNC_SECONDS, "30", PipelineConfig.HEALTH_PORT, "8080",
        SinkConfig.DEAD_LETTER_DIR, "/var/lib/qperf/dead-letter")));
    assertEquals("qperf-pipeline-pod-1", camel.get("camel.main.name"));
    assertEquals("30000", camel.get("qperf.resync.millis"));
    assertEquals("true", camel.get("camel.management.enabled"));
    assertEquals("8080", camel.get("camel.management.port"));
    assertEquals(Path.of("/var/lib/qperf/dead-letter").toAbsolutePath().toString(), camel.get("qperf.dead-letter.dir"));
  }

  @Test
  void noHealthPortLeavesManagementOff() {
    Map<String, String> camel = CamelProperties.of(PipelineConfig.fromMap(Map.of()));
    assertFalse(camel.containsKey("camel.management.enabled"));
    assertFalse(camel.containsKey("camel.management.port"));
    assertEquals("60000", camel.get("qperf.resync.millis"));
    assertTrue(Path.of(camel.get("qperf.dead-letter.dir")).isAbsolute());
  }
}

package dev.kubectlqperf.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkMetricsTest {

  @TempDir
  Path deadLetter;

  @Test
  void everyEnabledSinkHasItsSeriesAtZeroAndTheDeadLetterIsCountedInItsDirectory() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SinkMetrics metrics = new SinkMetrics(registry, List.of("file", "slack"), deadLetter);
    for (String name : List.of("qperf_sink_deliveries", "qperf_sink_retries", "qperf_sink_failures")) {
      assertEquals(0, registry.find(name).tag("sink", "slack").counter().count(), name);
    }
    assertEquals(0, registry.find("qperf_dead_letter_results").tag("sink", "slack").gauge().value(), "no directory yet");

    Files.createDirectories(deadLetter.resolve("slack"));
    Files.writeString(deadLetter.resolve("slack/ns.a.uid-a.json"), "{}");
    Files.writeString(deadLetter.resolve("slack/.writing-ns.b.uid-b.json"), "{"); // being written: not yet
    metrics.failures("slack").increment();
    assertEquals(1, registry.find("qperf_dead_letter_results").tag("sink", "slack").gauge().value());
    assertEquals(0, registry.find("qperf_dead_letter_results").tag("sink", "file").gauge().value());
    assertEquals(1, registry.find("qperf_sink_failures").tag("sink", "slack").counter().count());
  }
}

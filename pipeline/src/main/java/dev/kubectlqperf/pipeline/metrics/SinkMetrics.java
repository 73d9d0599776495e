package dev.kubectlqperf.pipeline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Per sink: {@code qperf_sink_deliveries_total} (results the sink took),
 * {@code qperf_sink_retries_total} (failed attempts that were retried),
 * {@code qperf_sink_failures_total} (results given up on, into the dead letter) and
 * {@code qperf_dead_letter_results} (the results in the dead letter now, counted in its directory
 * at each scrape). Every enabled sink's series exist from the start, at 0.
 */
public final class SinkMetrics {

  private final MeterRegistry registry;

  /** @param deadLetterDir the dead letter, one directory per sink */
  public SinkMetrics(MeterRegistry registry, List<String> sinks, Path deadLetterDir) {
    this.registry = registry;
    for (String sink : sinks) {
      deliveries(sink);
      retries(sink);
      failures(sink);
      Gauge.builder("qperf_dead_letter_results", deadLetterDir.resolve(sink), SinkMetrics::documents).tag("sink", sink)
          .description("Results in the dead letter, waiting for replay").strongReference(true).register(registry);
    }
  }

  /** Counts into a registry of its own, exported nowhere (the replay command and tests). */
  public static SinkMetrics unexported() {
    return new SinkMetrics(new SimpleMeterRegistry(), List.of(), Path.of("."));
  }

  public Counter deliveries(String sink) {
    return counter("qperf_sink_deliveries", "Results delivered", sink);
  }

  public Counter retries(String sink) {
    return counter("qperf_sink_retries", "Failed deliveries that were retried", sink);
  }

  public Counter failures(String sink) {
    return counter("qperf_sink_failures", "Results given up on and kept in the dead letter", sink);
  }

  private Counter counter(String name, String description, String sink) {
    return Counter.builder(name).tag("sink", sink).description(description).register(registry);
  }

  /** The documents (not the files being written) in one sink's dead-letter directory. */
  private static double documents(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")
          && !f.getFileName().toString().startsWith(".")).count();
    } catch (IOException e) {
      return Double.NaN;
    }
  }
}

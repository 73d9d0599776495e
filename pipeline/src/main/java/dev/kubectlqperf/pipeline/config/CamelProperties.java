package dev.kubectlqperf.pipeline.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Camel properties that follow from the typed configuration, over the defaults in
 * {@code application.properties}: the one place where an environment variable becomes a Camel
 * property.
 */
public final class CamelProperties {

  private CamelProperties() {}

  public static Map<String, String> of(PipelineConfig config) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("camel.main.name", "qperf-pipeline-" + config.identity());
    properties.put("qperf.resync.millis", String.valueOf(config.resync().toMillis()));
    if (config.healthPort() > 0) {
      properties.put("camel.management.enabled", "true");
      properties.put("camel.management.port", String.valueOf(config.healthPort()));
      properties.put("camel.management.metricsEnabled", "true");
    }
    properties.putAll(of(config.sinks()));
    return properties;
  }

  /** What the sink routes and the dead letter need, also when only they run ({@code replay}). */
  public static Map<String, String> of(SinkConfig sinks) {
    return Map.of("qperf.dead-letter.dir", sinks.deadLetterDir().toAbsolutePath().toString());
  }
}

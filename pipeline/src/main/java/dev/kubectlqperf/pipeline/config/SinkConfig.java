package dev.kubectlqperf.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import dev.kubectlqperf.pipeline.config.EnvValues;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which sinks are on and how to reach them, from environment-style keys. Credentials come from a
 * Secret through the environment and never appear in {@link #toString()}, logs or status.
 */
public record SinkConfig(
    Set<Sink> enabled,
    int retries,
    Duration retryDelay,
    Duration maxRetryDelay,
    Path resultsDir,
    Path deadLetterDir,
    String influxUrl,
    String influxDatabase,
    String influxRetentionPolicy,
    String influxUsername,
    String influxPassword,
    String slackWebhookUrl,
    String slackChannel) {

  /** Sinks for runs whose spec names none: a comma-separated list of file, influxdb, slack. */
  public static final String SINKS = "QPERF_SINKS";
  public static final String RETRIES = "QPERF_SINK_RETRIES";
  public static final String RETRY_DELAY_MS = "QPERF_SINK_RETRY_DELAY_MS";
  public static final String MAX_RETRY_DELAY_MS = "QPERF_SINK_MAX_RETRY_DELAY_MS";
  public static final String RESULTS_DIR = "QPERF_RESULTS_DIR";
  public static final String DEAD_LETTER_DIR = "QPERF_DEAD_LETTER_DIR";
  public static final String INFLUXDB_URL = "QPERF_INFLUXDB_URL";
  public static final String INFLUXDB_DATABASE = "QPERF_INFLUXDB_DATABASE";
  public static final String INFLUXDB_RETENTION_POLICY = "QPERF_INFLUXDB_RETENTION_POLICY";
  public static final String INFLUXDB_USERNAME = "QPERF_INFLUXDB_USERNAME";
  public static final String INFLUXDB_PASSWORD = "QPERF_INFLUXDB_PASSWORD";
  public static final String SLACK_WEBHOOK_URL = "QPERF_SLACK_WEBHOOK_URL";
  public static final String SLACK_CHANNEL = "QPERF_SLACK_CHANNEL";

  public static SinkConfig fromMap(Map<String, String> env) {
    Set<Sink> enabled = sinks(env.getOrDefault(SINKS, ""));
    Path results = Path.of(env.getOrDefault(RESULTS_DIR, "qperf-results"));
    String webhook = EnvValues.optional(env, SLACK_WEBHOOK_URL);
    if (enabled.contains(Sink.SLACK) && webhook == null) {
      throw new IllegalArgumentException(SINKS + " has slack, but " + SLACK_WEBHOOK_URL + " is not set");
    }
    return new SinkConfig(enabled,
        (int) EnvValues.wholeNumber(env, RETRIES, 5, 0),
        Duration.ofMillis(EnvValues.wholeNumber(env, RETRY_DELAY_MS, 1000, 1)),
        Duration.ofMillis(EnvValues.wholeNumber(env, MAX_RETRY_DELAY_MS, 60_000, 1)),
        results,
        Path.of(env.getOrDefault(DEAD_LETTER_DIR, results.resolve("dead-letter").toString())),
        env.getOrDefault(INFLUXDB_URL, "http://127.0.0.1:8086"),
        env.getOrDefault(INFLUXDB_DATABASE, "qperf"),
        env.getOrDefault(INFLUXDB_RETENTION_POLICY, "autogen"),
        EnvValues.optional(env, INFLUXDB_USERNAME),
        EnvValues.optional(env, INFLUXDB_PASSWORD),
        webhook,
        EnvValues.optional(env, SLACK_CHANNEL));
  }

  public boolean has(String sinkId) {
    return Sink.byId(sinkId).map(enabled::contains).orElse(false);
  }

  /** {@code text} with every secret this configuration holds replaced, for logs and status. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String secret : new String[] {slackWebhookUrl, slackWebhookUrl == null ? null : pathOf(slackWebhookUrl),
        influxPassword}) {
      if (secret != null && secret.length() > 1) {
        redacted = redacted.replace(secret, "(secret)");
      }
    }
    return redacted;
  }

  private static String pathOf(String url) {
    try {
      String path = java.net.URI.create(url).getRawPath();
      return path == null || path.length() < 2 ? null : path;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "SinkConfig[enabled=" + enabled + ", retries=" + retries + ", resultsDir=" + resultsDir + ", deadLetterDir="
        + deadLetterDir + ", influxUrl=" + influxUrl + ", influxDatabase=" + influxDatabase + ", slackWebhookUrl="
        + (slackWebhookUrl == null ? "unset" : "(secret)") + "]";
  }

  private static Set<Sink> sinks(String commaSeparated) {
    Set<Sink> sinks = new LinkedHashSet<>();
    for (String id : EnvValues.list(commaSeparated)) {
      sinks.add(Sink.byId(id).orElseThrow(() -> new IllegalArgumentException(
          SINKS + ": unknown sink '" + id + "' (known: " + Sink.known() + ")")));
    }
    return Collections.unmodifiableSet(sinks);
  }
}

package dev.kubectlqperf.pipeline.config;

import dev.kubectlqperf.model.QperfDefaults;
import java.time.Duration;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import java.util.List;
import java.util.Map;

/**
 * Typed pipeline configuration, read from environment-style keys with defaults, so tests pass a
 * plain map. Every key is documented in the README.
 */
public record PipelineConfig(
    List<String> namespaces,
    Duration resync,
    int parallelism,
    Duration unschedulableGrace,
    Duration logRetryWindow,
    long defaultTimeoutSeconds,
    String defaultImage,
    boolean leaderElection,
    String leaseNamespace,
    String leaseName,
    String identity,
    int healthPort,
    int metricsMaxSeries,
    SinkConfig sinks) {

  /** Namespaces to watch: a comma-separated list; empty or {@code *} means all namespaces. */
  public static final String NAMESPACES = "QPERF_NAMESPACES";
  public static final String RESYNC_SECONDS = "QPERF_RESYNC_SECONDS";
  public static final String PARALLELISM = "QPERF_PARALLELISM";
  public static final String UNSCHEDULABLE_GRACE_SECONDS = "QPERF_UNSCHEDULABLE_GRACE_SECONDS";
  /** How long a client log that cannot be read (a kubelet that does not answer) is tried again. */
  public static final String LOG_RETRY_SECONDS = "QPERF_LOG_RETRY_SECONDS";
  public static final String DEFAULT_TIMEOUT_SECONDS = "QPERF_DEFAULT_TIMEOUT_SECONDS";
  public static final String DEFAULT_IMAGE = "QPERF_DEFAULT_IMAGE";
  public static final String LEADER_ELECTION = "QPERF_LEADER_ELECTION";
  public static final String LEASE_NAMESPACE = "QPERF_LEASE_NAMESPACE";
  public static final String LEASE_NAME = "QPERF_LEASE_NAME";
  /** The pod name in-cluster (downward API); the host name locally. */
  public static final String IDENTITY = "HOSTNAME";
  /** Port of the health endpoints ({@code /observe/health/live}, {@code /ready}) and of {@code /observe/metrics}; 0: none. */
  public static final String HEALTH_PORT = "QPERF_HEALTH_PORT";
  /** At most this many result series (latest bandwidth and latency per schedule or node pair) are exported. */
  public static final String METRICS_MAX_SERIES = "QPERF_METRICS_MAX_SERIES";
  /** Sinks for runs whose spec names none; the other sink keys are in {@link SinkConfig}. */
  public static final String SINKS = SinkConfig.SINKS;

  public static PipelineConfig fromMap(Map<String, String> env) {
    String ns = env.getOrDefault(NAMESPACES, "").strip();
    List<String> namespaces = ns.equals("*") ? List.of() : EnvValues.list(ns);
    return new PipelineConfig(
        namespaces,
        Duration.ofSeconds(positive(env, RESYNC_SECONDS, 60)),
        (int) positive(env, PARALLELISM, 4),
        Duration.ofSeconds(positive(env, UNSCHEDULABLE_GRACE_SECONDS, 60)),
        Duration.ofSeconds(positive(env, LOG_RETRY_SECONDS, 120)),
        positive(env, DEFAULT_TIMEOUT_SECONDS, QperfDefaults.TIMEOUT_SECONDS),
        env.getOrDefault(DEFAULT_IMAGE, QperfDefaults.IMAGE),
        Boolean.parseBoolean(env.getOrDefault(LEADER_ELECTION, "false")),
        env.getOrDefault(LEASE_NAMESPACE, namespaces.isEmpty() ? "default" : namespaces.get(0)),
        env.getOrDefault(LEASE_NAME, "qperf-pipeline"),
        env.getOrDefault(IDENTITY, "qperf-pipeline-" + ProcessHandle.current().pid()),
        (int) EnvValues.wholeNumber(env, HEALTH_PORT, 0, 0),
        (int) EnvValues.wholeNumber(env, METRICS_MAX_SERIES, 1000, 0),
        SinkConfig.fromMap(env));
  }

  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  private static long positive(Map<String, String> env, String key, long fallback) {
    return EnvValues.wholeNumber(env, key, fallback, 1);
  }
}

package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * What to run. The first six fields are Kubestone's, with the same JSON names and meaning; the
 * others are optional additions whose absence keeps Kubestone's behaviour.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfSpec(
    @JsonPropertyDescription("The qperf container image, used for server and client. Default: " + QperfDefaults.IMAGE)
        ImageSpec image,
    @JsonPropertyDescription("Options for the qperf client, one string split like a shell word list (quotes group words).")
        String options,
    @Required @Size(min = 1) @JsonPropertyDescription("The qperf tests to run, in order, e.g. tcp_bw, tcp_lat.")
        List<String> tests,
    @JsonPropertyDescription("Configuration of the qperf server pod.")
        QperfConfiguration serverConfiguration,
    @JsonPropertyDescription("Configuration of the qperf client pod.")
        QperfConfiguration clientConfiguration,
    @JsonPropertyDescription("Whole-run timeout in seconds, from start to results; the run fails when it is exceeded. Default: "
            + QperfDefaults.TIMEOUT_SECONDS)
        Long timeoutSeconds,
    @JsonPropertyDescription("How the client reaches the server: Headless (default; any data port works) or ClusterIP "
            + "(qperf's data port is pinned to dataPort).")
        ServiceType serviceType,
    @JsonPropertyDescription("The qperf data port (--ip_port) when serviceType is ClusterIP. Default: " + QperfDefaults.DATA_PORT)
        Integer dataPort,
    @JsonPropertyDescription("How many times the client runs against the same server, one client pod after the other; "
            + "the result has statistics over them. Default: 1.")
        Integer repetitions,
    @JsonPropertyDescription("Where the result goes (influxdb, slack, file). Default: the pipeline's configured sinks.")
        List<String> sinks,
    @JsonPropertyDescription("Rules the results must meet, in qperf's units, e.g. 'tcp_bw bw at least 1 GB/sec', "
            + "'tcp_lat latency p99 at most 50 us', 'cv at most 10 %', 'tcp_bw bw sum at least 3 GB/sec' (the sum over "
            + "parallel streams). They make the run's verdict.")
        List<String> thresholds,
    @JsonPropertyDescription("How many qperf client/server pairs measure at once (one stream each, qperf has no -P); the "
            + "result has every stream and their aggregate. Default: 1, at most " + QperfDefaults.MAX_PARALLEL + ".")
        Integer parallel,
    @JsonPropertyDescription("The IP family the client reaches the server over: IPv4 or IPv6 (the server Service is "
            + "single-stack of it). Default: the cluster's primary family; a family the cluster does not offer fails the run.")
        IpFamily ipFamily) {

  /** A spec of the cluster's primary family. */
  public QperfSpec(ImageSpec image, String options, List<String> tests, QperfConfiguration serverConfiguration,
      QperfConfiguration clientConfiguration, Long timeoutSeconds, ServiceType serviceType, Integer dataPort,
      Integer repetitions, List<String> sinks, List<String> thresholds, Integer parallel) {
    this(image, options, tests, serverConfiguration, clientConfiguration, timeoutSeconds, serviceType, dataPort,
        repetitions, sinks, thresholds, parallel, null);
  }

  /** A spec of one stream. */
  public QperfSpec(ImageSpec image, String options, List<String> tests, QperfConfiguration serverConfiguration,
      QperfConfiguration clientConfiguration, Long timeoutSeconds, ServiceType serviceType, Integer dataPort,
      Integer repetitions, List<String> sinks, List<String> thresholds) {
    this(image, options, tests, serverConfiguration, clientConfiguration, timeoutSeconds, serviceType, dataPort,
        repetitions, sinks, thresholds, null);
  }

  /** A spec without thresholds. */
  public QperfSpec(ImageSpec image, String options, List<String> tests, QperfConfiguration serverConfiguration,
      QperfConfiguration clientConfiguration, Long timeoutSeconds, ServiceType serviceType, Integer dataPort,
      Integer repetitions, List<String> sinks) {
    this(image, options, tests, serverConfiguration, clientConfiguration, timeoutSeconds, serviceType, dataPort,
        repetitions, sinks, null, null);
  }

  /** A spec with only tests and options: everything else defaulted. */
  public static QperfSpec of(List<String> tests, String options) {
    return new QperfSpec(null, options, tests, null, null, null, null, null, null, null, null, null);
  }

  /**
   * This spec with the pipeline's defaults filled in where it names no image or timeout: what a
   * run freezes when it starts, so a later change of the pipeline's defaults does not change it.
   */
  public QperfSpec withDefaults(String defaultImage, long defaultTimeoutSeconds) {
    ImageSpec withImage = image != null && !isBlank(image.name()) ? image
        : new ImageSpec(defaultImage, image == null ? null : image.pullPolicy(), image == null ? null : image.pullSecret());
    return new QperfSpec(withImage, options, tests, serverConfiguration, clientConfiguration,
        timeoutSeconds != null ? timeoutSeconds : defaultTimeoutSeconds, serviceType, dataPort, repetitions, sinks,
        thresholds, parallel, ipFamily);
  }

  public String imageName() {
    return image == null || isBlank(image.name()) ? QperfDefaults.IMAGE : image.name();
  }

  public ServiceType effectiveServiceType() {
    return serviceType == null ? ServiceType.Headless : serviceType;
  }

  public int effectiveDataPort() {
    return dataPort == null ? QperfDefaults.DATA_PORT : dataPort;
  }

  public long effectiveTimeoutSeconds() {
    return timeoutSeconds == null ? QperfDefaults.TIMEOUT_SECONDS : timeoutSeconds;
  }

  public int effectiveRepetitions() {
    return repetitions == null ? 1 : repetitions;
  }

  public int effectiveParallel() {
    return parallel == null ? 1 : parallel;
  }

  /** This spec with another number of streams. */
  public QperfSpec withParallel(Integer streams) {
    return new QperfSpec(image, options, tests, serverConfiguration, clientConfiguration, timeoutSeconds, serviceType,
        dataPort, repetitions, sinks, thresholds, streams, ipFamily);
  }

  /** This spec over another IP family (null: the cluster's primary). */
  public QperfSpec withIpFamily(IpFamily family) {
    return new QperfSpec(image, options, tests, serverConfiguration, clientConfiguration, timeoutSeconds, serviceType,
        dataPort, repetitions, sinks, thresholds, parallel, family);
  }

  public QperfConfiguration server() {
    return serverConfiguration == null ? QperfConfiguration.EMPTY : serverConfiguration;
  }

  public QperfConfiguration client() {
    return clientConfiguration == null ? QperfConfiguration.EMPTY : clientConfiguration;
  }

  public List<String> testsOrEmpty() {
    return tests == null ? List.of() : tests;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}

package dev.kubectlqperf.model.verdict;

import java.util.Map;
import java.util.Optional;

/** The base unit of each metric qperf prints, so a threshold's limit can be checked against it. */
final class MetricUnits {

  private static final Map<String, String> EXACT = Map.of(
      "bw", "B/s", "send_bw", "B/s", "recv_bw", "B/s",
      "msg_rate", "1/s",
      "latency", "s", "time", "s", "timeout", "s",
      "msg_size", "B");

  private static final Map<String, String> HINTS = Map.of(
      "B/s", "bytes/sec, KB/sec, MB/sec, GB/sec (b/sec for bits)",
      "1/s", "/sec, K/sec or M/sec",
      "s", "ns, us, ms or sec",
      "s/GB", "ns/GB, us/GB, ms/GB or sec/GB",
      "%cpu", "% cpus",
      "B", "bytes, KB, MB, KiB or MiB",
      "1", "a plain number");

  static final String KNOWN = "bw, send_bw, recv_bw, msg_rate, latency, send_cost, recv_cost, *_cpus_used, "
      + "msg_size, time, *_bytes, *_msgs";

  private MetricUnits() {}

  static Optional<String> of(String metric) {
    if (EXACT.containsKey(metric)) {
      return Optional.of(EXACT.get(metric));
    }
    if (metric.endsWith("_cost")) {
      return Optional.of("s/GB");
    }
    if (metric.contains("_cpus_")) {
      return Optional.of("%cpu");
    }
    if (metric.endsWith("_time")) {
      return Optional.of("s");
    }
    if (metric.endsWith("_bytes")) {
      return Optional.of("B");
    }
    if (metric.endsWith("_msgs")) {
      return Optional.of("1");
    }
    return Optional.empty();
  }

  static String hint(String unit) {
    return HINTS.getOrDefault(unit, unit);
  }
}

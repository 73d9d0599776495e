package dev.kubectlqperf.plugin.diagnosis;

import java.util.HashMap;
import java.util.Map;

/**
 * What one probe pod reported. {@code started}: the container ran the script (else {@code problem}
 * says why: a pull error, the deadline); {@code ipv6Disabled}: the kernel switch is 1 or IPv6 is
 * absent (no {@code /proc/net/if_inet6}), which keeps qperf 0.4.11 from binding its listen port.
 */
public record ProbeOutput(String node, boolean started, String problem, String iface, Integer mtu,
    boolean ipv6Disabled, boolean qperfPresent) {

  public static ProbeOutput notStarted(String node, String problem) {
    return new ProbeOutput(node, false, problem, null, null, false, false);
  }

  /** Reads the script's {@code key=value} lines; a log without them means the script never ran. */
  public static ProbeOutput parse(String node, String log) {
    Map<String, String> values = new HashMap<>();
    for (String line : (log == null ? "" : log).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    if (!values.containsKey("qperf")) {
      return notStarted(node, "the probe printed nothing it knows: " + abbreviate(log));
    }
    Integer mtu;
    try {
      mtu = Integer.valueOf(values.getOrDefault("mtu", ""));
    } catch (NumberFormatException e) {
      mtu = null;
    }
    boolean disabled = "1".equals(values.get("disable_ipv6")) || "missing".equals(values.get("if_inet6"));
    return new ProbeOutput(node, true, null, values.get("iface"), mtu, disabled,
        "present".equals(values.get("qperf")));
  }

  private static String abbreviate(String log) {
    String flat = log == null ? "" : log.replace('\n', ' ').strip();
    return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
  }
}

package dev.kubectlqperf.plugin.output;

import java.time.Duration;
import java.time.Instant;

/** kubectl's short ages: 45s, 3m20s, 12m, 5h, 3d. */
public final class Age {
  private Age() {}

  public static String since(String timestamp, Instant now) {
    if (timestamp == null) {
      return "<unknown>";
    }
    return of(Duration.between(Instant.parse(timestamp), now));
  }

  public static String of(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    return h < 48 ? h + "h" : h / 24 + "d";
  }
}

package dev.kubectlqperf.pipeline.sink;

import dev.kubectlqperf.model.schedule.Trend;
import java.time.Instant;
import java.util.Locale;

/**
 * A schedule's trend verdict as one InfluxDB point in line protocol: measurement
 * {@code qperf_trend}, tags namespace, schedule, verdict and metric, fields the change and both
 * means, at the time the verdict began (so writing it again overwrites the same point). Pure.
 */
public final class TrendPoint {

  public static final String MEASUREMENT = "qperf_trend";

  private TrendPoint() {}

  public static String line(String namespace, String schedule, Trend trend, Instant fallbackTime) {
    StringBuilder line = new StringBuilder(MEASUREMENT)
        .append(",namespace=").append(tag(namespace))
        .append(",schedule=").append(tag(schedule))
        .append(",verdict=").append(tag(trend.verdict().name()));
    if (trend.metric() != null) {
      line.append(",metric=").append(tag(trend.metric()));
    }
    line.append(' ').append("regressed=").append(trend.verdict().name().equals("Regressed") ? "1i" : "0i");
    field(line, "change_percent", trend.changePercent());
    field(line, "baseline_mean", trend.baseline());
    field(line, "latest_mean", trend.latest());
    Instant at = trend.since() == null ? fallbackTime : Instant.parse(trend.since());
    return line.append(' ').append(at.toEpochMilli()).toString();
  }

  private static void field(StringBuilder line, String name, Double value) {
    if (value != null && Double.isFinite(value)) {
      line.append(',').append(name).append('=').append(String.format(Locale.ROOT, "%s", value));
    }
  }

  /** Line protocol escapes commas, spaces and equals signs in tag values; an empty value is not allowed. */
  private static String tag(String value) {
    String escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace(" ", "\\ ").replace("=", "\\=");
    return escaped.isEmpty() ? "-" : escaped;
  }
}

package dev.kubectlqperf.pipeline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code qperf_schedule_regressed{namespace,schedule}}: 1 while a schedule's trend verdict is
 * {@value #REGRESSED}, else 0. The schedule reconciler tells it each verdict it computes, and that a
 * schedule is gone; at most {@code maxSeries} schedules are exported.
 */
public final class ScheduleTrends {

  public static final String METRIC = "qperf_schedule_regressed";
  public static final String REGRESSED = "Regressed";
  private final CappedGauges gauges;

  public ScheduleTrends(MeterRegistry registry, int maxSeries, String capSetting) {
    this.gauges = new CappedGauges(registry, maxSeries, capSetting);
  }

  /** @param verdict the trend verdict ({@code Stable}, {@code Regressed}, {@code Improved}); null: none yet */
  public void scheduleTrend(String namespace, String schedule, String verdict) {
    gauges.set(METRIC, Map.of("namespace", namespace, "schedule", schedule), REGRESSED.equals(verdict) ? 1 : 0,
        owner(namespace, schedule), null);
  }

  /** The schedule was deleted: its series goes. */
  public void forget(String namespace, String schedule) {
    gauges.removeOwnedBy(owner(namespace, schedule));
  }

  private static String owner(String namespace, String schedule) {
    return namespace + "/" + schedule;
  }
}

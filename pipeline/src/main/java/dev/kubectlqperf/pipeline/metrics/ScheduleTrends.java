package dev.kubectlqperf.pipeline.metrics;

import dev.kubectlqperf.model.schedule.RunMetric;
import dev.kubectlqperf.model.schedule.RunSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code qperf_schedule_regressed{namespace,schedule}}: 1 while a schedule's trend verdict is
 * {@value #REGRESSED}, else 0; and for a schedule of matrices, the result gauges of its latest
 * completed matrix. The schedule reconciler tells it each verdict it computes, and that a schedule
 * is gone; at most {@code maxSeries} series are exported.
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

  /**
   * The schedule result gauges ({@code qperf_schedule_bandwidth_bytes_per_second},
   * {@code qperf_schedule_latency_seconds}) of a matrix run: its cluster medians, {@code test} being
   * the scenario. A Qperf run's come from {@link RunMetrics}, which sees every Qperf; a matrix's
   * pairs are Qperves of the matrix, so the schedule's numbers come from the run's summary here.
   * Owned by the schedule: they go with it.
   */
  public void matrixRun(String namespace, String schedule, RunSummary run) {
    if (run == null || !run.completed() || run.metrics() == null) {
      return;
    }
    for (RunMetric m : run.metrics()) {
      String metric = "bw".equals(m.metric()) ? ResultPoints.SCHEDULE_BANDWIDTH
          : "latency".equals(m.metric()) ? ResultPoints.SCHEDULE_LATENCY : null;
      if (metric != null) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", namespace);
        labels.put("schedule", schedule);
        labels.put("test", m.test());
        gauges.set(metric, labels, m.mean(), owner(namespace, schedule), run.completionTime());
      }
    }
  }

  /** The schedule was deleted: its series go. */
  public void forget(String namespace, String schedule) {
    gauges.removeOwnedBy(owner(namespace, schedule));
  }

  private static String owner(String namespace, String schedule) {
    return namespace + "/" + schedule;
  }
}

package dev.kubectlqperf.pipeline.metrics;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Qperf informer sees, as metrics: the runs per phase now, every run that reached a final
 * phase (counted once, when its status changes to it), and the latest results of scheduled runs
 * and matrix children, whose series go when their run is deleted.
 *
 * <ul>
 *   <li>{@code qperf_runs{phase}}: runs the pipeline knows, by their phase now;
 *   <li>{@code qperf_runs_finished_total{phase,reason}}: runs that reached Completed or Failed;
 *   <li>the result gauges of {@link ResultPoints}.
 * </ul>
 */
public final class RunMetrics implements ResourceEventHandler<Qperf> {

  private static final String NO_PHASE = "None";
  private final MeterRegistry registry;
  private final CappedGauges results;
  private final Map<String, String> phases = new ConcurrentHashMap<>();

  /** @param maxSeries at most this many result series; the setting that raises it is {@code capSetting} */
  public RunMetrics(MeterRegistry registry, int maxSeries, String capSetting) {
    this.registry = registry;
    this.results = new CappedGauges(registry, maxSeries, capSetting);
    for (QperfPhase phase : QperfPhase.values()) {
      Gauge.builder("qperf_runs", phases, p -> count(p, phase.name())).tag("phase", phase.name())
          .description("Runs the pipeline knows, by their phase now").strongReference(true).register(registry);
    }
    finished(QperfPhase.Completed.name(), QperfPhase.Completed.name()); // the usual outcome, at 0 from the start
  }

  @Override
  public void onAdd(Qperf run) {
    observe(run);
  }

  @Override
  public void onUpdate(Qperf before, Qperf run) {
    QperfPhase was = phase(before);
    QperfPhase now = phase(run);
    if (now != null && now.isFinal() && (was == null || !was.isFinal())) {
      finished(now.name(), Objects.requireNonNullElse(run.getStatus().getReason(), now.name())).increment();
    }
    observe(run);
  }

  @Override
  public void onDelete(Qperf run, boolean finalStateUnknown) {
    String uid = run.getMetadata().getUid();
    phases.remove(uid);
    results.removeOwnedBy(uid);
  }

  /** The number of result series exported now. */
  public int resultSeries() {
    return results.size();
  }

  private void observe(Qperf run) {
    String uid = run.getMetadata().getUid();
    QperfPhase phase = phase(run);
    phases.put(uid, phase == null ? NO_PHASE : phase.name());
    QperfStatus status = run.getStatus();
    for (ResultPoints.Point point : ResultPoints.of(run)) {
      results.set(point.metric(), point.labels(), point.value(), uid, status.getCompletionTime());
    }
  }

  private Counter finished(String phase, String reason) {
    return Counter.builder("qperf_runs_finished").tag("phase", phase).tag("reason", reason)
        .description("Runs that reached a final phase, by phase and reason").register(registry);
  }

  private static double count(Map<String, String> phases, String phase) {
    return phases.values().stream().filter(phase::equals).count();
  }

  private static QperfPhase phase(Qperf run) {
    return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
  }
}

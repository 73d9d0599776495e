package dev.kubectlqperf.pipeline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The operator's own metrics: {@code qperf_reconcile_duration_seconds} (a histogram of reconcile
 * passes), {@code qperf_work_queue_depth} (keys waiting for a worker) and {@code qperf_leader}
 * (1 while this instance leads and works, else 0).
 */
public final class PipelineMetrics {

  private final MeterRegistry registry;
  private final Timer reconcile;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcile = Timer.builder("qperf_reconcile_duration").description("Reconcile passes of one run")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
  }

  /** Runs one reconcile pass and records how long it took, whether it returned or threw. */
  public <T> T timeReconcile(Supplier<T> pass) {
    return reconcile.record(pass);
  }

  public void queueDepth(IntSupplier depth) {
    Gauge.builder("qperf_work_queue_depth", depth, IntSupplier::getAsInt)
        .description("Runs waiting for a worker").strongReference(true).register(registry);
  }

  public void leader(BooleanSupplier leads) {
    Gauge.builder("qperf_leader", leads, l -> l.getAsBoolean() ? 1 : 0)
        .description("1 while this pipeline instance leads and works, else 0").strongReference(true).register(registry);
  }
}

package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.work.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * The schedule side of the pipeline, like {@code MatrixWork}: its own event source and work queue
 * in front of the {@link ScheduleReconciler}, started and stopped with the Qperf work, so only the
 * leader creates runs. The clock is injected: tests move it to cross due times without waiting.
 */
public final class ScheduleWork implements AutoCloseable {

  private final ScheduleCalls calls;
  private final PipelineConfig config;
  private final TrendNotifier notifier;
  private final ScheduleReconciler reconciler;
  private WorkQueue queue;
  private ScheduleEventSource source;

  public ScheduleWork(QperfCluster cluster, ScheduleCalls calls, PipelineConfig config, Clock clock,
      ScheduleTrends trends) {
    this.calls = calls;
    this.config = config;
    this.notifier = new TrendNotifier(config.sinks(), clock);
    this.reconciler = new ScheduleReconciler(cluster, calls, notifier, trends, config, clock);
  }

  public synchronized void start() {
    queue = new WorkQueue(1, this::reconcile);
    source = new ScheduleEventSource(calls, config, queue::add);
    queue.start();
    source.start();
  }

  private Duration reconcile(String key) {
    int slash = key.indexOf('/');
    MDC.put("qperfschedule", key);
    try {
      return reconciler.reconcile(key.substring(0, slash), key.substring(slash + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      MDC.remove("qperfschedule");
    }
  }

  @Override
  public synchronized void close() {
    if (source != null) {
      source.close();
    }
    if (queue != null) {
      queue.close();
    }
    notifier.close();
  }
}

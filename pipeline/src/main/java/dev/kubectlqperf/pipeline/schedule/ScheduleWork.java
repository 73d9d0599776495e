package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.work.KindWork;
import java.time.Clock;
import java.time.Duration;

/**
 * The schedule side of the pipeline: the {@link ScheduleEventSource} and a work queue (one worker)
 * in front of the {@link ScheduleReconciler}. The clock is injected: tests move it to cross due
 * times without waiting.
 */
public final class ScheduleWork extends KindWork {

  public ScheduleWork(QperfCluster cluster, ScheduleCalls calls, PipelineConfig config, Clock clock,
      ScheduleTrends trends) {
    super("qperfschedule", 1, () -> term(cluster, calls, config, clock, trends),
        keys -> new ScheduleEventSource(calls, config, keys));
  }

  /** The trend's sink clients, made per term of leadership and closed with it. */
  private static Term term(QperfCluster cluster, ScheduleCalls calls, PipelineConfig config, Clock clock,
      ScheduleTrends trends) {
    TrendNotifier notifier = new TrendNotifier(config.sinks(), clock);
    ScheduleReconciler reconciler = new ScheduleReconciler(cluster, calls, notifier, trends, config, clock);
    return new Term() {
      @Override
      public Duration reconcile(String namespace, String name) throws InterruptedException {
        return reconciler.reconcile(namespace, name);
      }

      @Override
      public void close() {
        notifier.close();
      }
    };
  }
}

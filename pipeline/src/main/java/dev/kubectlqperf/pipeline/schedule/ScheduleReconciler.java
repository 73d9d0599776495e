package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunKind;
import dev.kubectlqperf.model.schedule.RunSummary;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one QperfSchedule, everything read from the cluster and the clock: a pending
 * trend notification is sent (InfluxDB, Slack), then {@link SchedulePass} decides; runs are deleted (Replace),
 * created (named by their due minute, so a repeated pass creates nothing twice) and pruned; the
 * status is written once, and not at all when nothing changed. Looks again at the next due time,
 * or at the resync period when that is sooner (a clock a test moves is seen within a period).
 */
public final class ScheduleReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleReconciler.class);
  private final QperfCluster cluster;
  private final ScheduleCalls calls;
  private final EventRecorder events;
  private final TrendNotifier notifier;
  private final ScheduleTrends trends;
  private final PipelineConfig config;
  private final Clock clock;

  public ScheduleReconciler(QperfCluster cluster, ScheduleCalls calls, TrendNotifier notifier, ScheduleTrends trends,
      PipelineConfig config, Clock clock) {
    this.cluster = cluster;
    this.trends = trends;
    this.calls = calls;
    this.events = new EventRecorder(cluster, clock);
    this.notifier = notifier;
    this.config = config;
    this.clock = clock;
  }

  /** @return when to look again, or null */
  public Duration reconcile(String namespace, String name) throws InterruptedException {
    QperfSchedule schedule = calls.schedule(namespace, name);
    if (schedule == null || schedule.getMetadata().getDeletionTimestamp() != null) {
      trends.forget(namespace, name);
      return null; // its runs go with it, through their owner reference
    }
    QperfScheduleStatus saved = schedule.getStatus();
    if (saved != null && QperfScheduleStatus.NOTIFICATION_PENDING.equals(saved.trendNotification())) {
      schedule.setStatus(saved.withTrendNotification(notify(schedule, saved)));
    }
    Instant now = clock.instant();
    SchedulePass.Decision decision = SchedulePass.decide(schedule, calls.runs(schedule), now, notifier.configured());
    for (HasMetadata run : decision.toDelete()) {
      if (cluster.delete(run)) {
        LOG.info("QperfSchedule {}/{}: deleted running {} (concurrencyPolicy Replace)", namespace, name,
            run.getMetadata().getName());
      }
    }
    boolean created = decision.toCreate() != null && cluster.createIfAbsent(decision.toCreate());
    for (HasMetadata run : decision.toPrune()) {
      if (cluster.delete(run)) {
        LOG.info("QperfSchedule {}/{}: pruned {} (history limit)", namespace, name, run.getMetadata().getName());
      }
    }
    for (SchedulePass.Note note : decision.notes()) {
      if (created || !"RunCreated".equals(note.reason())) {
        if (note.warning()) {
          events.warning(schedule, note.reason(), note.message());
        } else {
          events.normal(schedule, note.reason(), note.message());
        }
      }
    }
    if (!decision.next().equals(saved) && !write(schedule, decision.next())) {
      return null;
    }
    Trend trend = decision.next().trend();
    trends.scheduleTrend(namespace, name, trend == null ? null : trend.verdict().name());
    if (RunKind.of(schedule.getSpec()) == RunKind.MATRIX) {
      trends.matrixRun(namespace, name, decision.next().runsOrEmpty().stream().filter(RunSummary::completed)
          .findFirst().orElse(null));
    }
    return after(decision, now);
  }

  /** Posts the pending message; the new notification state, or throws to be retried with backoff. */
  private String notify(QperfSchedule schedule, QperfScheduleStatus saved) throws InterruptedException {
    if (!notifier.configured() || saved.trend() == null) {
      return QperfScheduleStatus.NOTIFICATION_NOT_CONFIGURED;
    }
    try {
      notifier.post(schedule, saved.trend());
      LOG.info("QperfSchedule {}/{}: trend {} sent to the sinks", schedule.getMetadata().getNamespace(),
          schedule.getMetadata().getName(), saved.trend().verdict());
      return QperfScheduleStatus.NOTIFICATION_SENT;
    } catch (SinkRefusal refusal) {
      if (refusal.retryable()) {
        throw new IllegalStateException("a sink did not take the trend, retried: " + refusal.getMessage());
      }
      LOG.error("QperfSchedule {}/{}: a sink refused the trend for good: {}",
          schedule.getMetadata().getNamespace(), schedule.getMetadata().getName(), refusal.getMessage());
      events.warning(schedule, "NotificationFailed", refusal.getMessage());
      return "Failed";
    }
  }

  private Duration after(SchedulePass.Decision decision, Instant now) {
    if (QperfScheduleStatus.NOTIFICATION_PENDING.equals(decision.next().trendNotification())) {
      return Duration.ZERO;
    }
    if (decision.nextDue() == null) {
      return config.resync();
    }
    Duration untilDue = Duration.between(now, decision.nextDue());
    return untilDue.compareTo(config.resync()) < 0 ? untilDue : config.resync();
  }

  /** False when the schedule is gone or was re-created meanwhile (the new one has events of its own). */
  private boolean write(QperfSchedule schedule, QperfScheduleStatus next) {
    String ns = schedule.getMetadata().getNamespace();
    String name = schedule.getMetadata().getName();
    try {
      calls.replaceStatus(ns, name, schedule.getMetadata().getUid(), next);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND || e.getCode() == 422 && gone(schedule)) {
        LOG.info("QperfSchedule {}/{}: not written, deleted or re-created meanwhile", ns, name);
        return false;
      }
      throw e;
    }
  }

  private boolean gone(QperfSchedule schedule) {
    QperfSchedule now = calls.schedule(schedule.getMetadata().getNamespace(), schedule.getMetadata().getName());
    return now == null || !now.getMetadata().getUid().equals(schedule.getMetadata().getUid());
  }
}

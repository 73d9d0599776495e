package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.ConcurrencyPolicy;
import dev.kubectlqperf.model.schedule.CronSchedule;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunHistory;
import dev.kubectlqperf.model.schedule.RunKind;
import dev.kubectlqperf.model.schedule.RunSummary;
import dev.kubectlqperf.model.schedule.ScheduleRuns;
import dev.kubectlqperf.model.schedule.ScheduleTiming;
import dev.kubectlqperf.model.schedule.ScheduleValidator;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.model.schedule.TrendAnalysis;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pass over a schedule decides, from the schedule, its runs (Qperves or QperfMatrices:
 * {@link RunKind} makes and sums them up, nothing here tells them apart) and the time: pure. At most
 * one run is created per pass (CronJob's catch-up: only the latest missed due time runs); the
 * history, the trend and the conditions are computed from the runs as they will be after the pass.
 */
final class SchedulePass {

  /** A Kubernetes Event to record on the schedule. */
  record Note(boolean warning, String reason, String message) {}

  /**
   * @param toCreate the run to create, or null
   * @param toDelete running runs to delete first (Replace)
   * @param toPrune ended runs beyond the history limits
   * @param next the status to write
   */
  record Decision(HasMetadata toCreate, List<HasMetadata> toDelete, List<HasMetadata> toPrune,
      QperfScheduleStatus next, Instant nextDue, List<Note> notes) {}

  private SchedulePass() {}

  /** @param sinksConfigured whether a change of the trend to Regressed is to be sent (InfluxDB, Slack) */
  static Decision decide(QperfSchedule schedule, List<? extends HasMetadata> runs, Instant now,
      boolean sinksConfigured) {
    QperfScheduleStatus saved = schedule.getStatus() == null ? QperfScheduleStatus.empty() : schedule.getStatus();
    Long generation = schedule.getMetadata().getGeneration();
    List<String> errors = ScheduleValidator.errors(schedule);
    if (!errors.isEmpty()) {
      String message = String.join("; ", errors);
      List<Note> notes = ScheduleConditions.changed(saved, "Ready", "InvalidSchedule", message)
          ? List.of(new Note(true, "InvalidSchedule", message)) : List.of();
      QperfScheduleStatus next = new QperfScheduleStatus(
          ScheduleConditions.with(saved, now, generation, false, "InvalidSchedule", message, saved.trend()),
          generation, saved.lastScheduleTime(), saved.lastSuccessfulTime(), null, saved.active(), saved.activeCount(),
          saved.runs(), saved.trend(), saved.trendNotification());
      return new Decision(null, List.of(), List.of(), next, null, notes);
    }
    QperfScheduleSpec spec = schedule.getSpec();
    List<HasMetadata> active = runs.stream().filter(r -> !ended(r)).map(HasMetadata.class::cast).toList();
    List<HasMetadata> kept = new ArrayList<>(runs);
    List<Note> notes = new ArrayList<>();
    HasMetadata create = null;
    List<HasMetadata> replace = List.of();
    String lastSchedule = saved.lastScheduleTime();
    Instant nextDue = null;
    String readyReason;
    String readyMessage;
    if (spec.suspended()) {
      readyReason = "Suspended";
      readyMessage = "spec.suspend is true: no new runs";
    } else {
      CronSchedule cron = CronSchedule.parse(spec.schedule(), spec.timeZone());
      Instant earliest = Instant.parse(lastSchedule != null ? lastSchedule
          : schedule.getMetadata().getCreationTimestamp() != null ? schedule.getMetadata().getCreationTimestamp()
              : now.toString());
      ScheduleTiming.Due due = ScheduleTiming.decide(cron, earliest, now, spec.startingDeadlineSeconds());
      nextDue = due.next();
      readyReason = "Scheduled";
      readyMessage = nextDue == null ? "the schedule has no further due time" : "next run due at " + nextDue;
      ConcurrencyPolicy policy = spec.effectiveConcurrencyPolicy();
      if (due.due() != null && policy == ConcurrencyPolicy.Forbid && !active.isEmpty()) {
        readyReason = "RunStillActive";
        readyMessage = "a run was due at " + due.due() + ", but " + active.get(0).getMetadata().getName()
            + " still runs (concurrencyPolicy Forbid)";
      } else if (due.due() != null) {
        create = ScheduleRuns.run(schedule, due.due());
        if (policy == ConcurrencyPolicy.Replace) {
          replace = active;
          kept.removeAll(active);
        }
        kept.add(create);
        lastSchedule = due.due().toString();
        notes.add(new Note(false, "RunCreated", "created run " + create.getMetadata().getName() + " due at "
            + due.due() + (due.missed() > 1 ? " (" + (due.missed() >= ScheduleTiming.MAX_COUNTED ? "at least " : "")
                + due.missed() + " due times passed; only the latest runs)" : "")
            + (replace.isEmpty() ? "" : ", replacing " + names(replace))));
      }
    }
    List<HasMetadata> prune = RunHistory.toPrune(kept, spec.effectiveSuccessfulLimit(), spec.effectiveFailedLimit());
    List<RunSummary> history = RunHistory.merge(saved.runsOrEmpty(), kept);
    Trend trend = TrendAnalysis.of(history, spec.effectiveBaselineRuns(), spec.effectiveThresholdPercent(),
        saved.trend());
    String notification = notification(saved, trend, sinksConfigured, notes);
    List<String> activeNames = kept.stream().filter(r -> !ended(r)).map(r -> r.getMetadata().getName()).toList();
    String lastSuccessful = history.stream().filter(RunSummary::completed).map(RunSummary::completionTime)
        .filter(t -> t != null).findFirst().orElse(saved.lastSuccessfulTime());
    QperfScheduleStatus next = new QperfScheduleStatus(
        ScheduleConditions.with(saved, now, generation, true, readyReason, readyMessage, trend), generation,
        lastSchedule, lastSuccessful, nextDue == null ? null : nextDue.toString(),
        activeNames.isEmpty() ? null : activeNames, activeNames.size(), history.isEmpty() ? null : history, trend,
        notification);
    return new Decision(create, replace, prune, next, nextDue, notes);
  }

  /**
   * Pending when the trend has just become Regressed (one message and one point per change, not per run),
   * dropped when it is no longer Regressed before it was sent; an Event for every change of verdict
   * that involves Regressed.
   */
  private static String notification(QperfScheduleStatus saved, Trend trend, boolean sinks, List<Note> notes) {
    TrendVerdict before = saved.trend() == null ? null : saved.trend().verdict();
    if (trend.verdict() == TrendVerdict.Regressed && before != TrendVerdict.Regressed) {
      notes.add(new Note(true, "TrendRegressed", trend.message()));
      return sinks ? QperfScheduleStatus.NOTIFICATION_PENDING : QperfScheduleStatus.NOTIFICATION_NOT_CONFIGURED;
    }
    if (before == TrendVerdict.Regressed && trend.verdict() != TrendVerdict.Regressed) {
      notes.add(new Note(false, "TrendRecovered", "the trend is " + trend.verdict() + " again: " + trend.message()));
      return null;
    }
    return saved.trendNotification();
  }

  private static boolean ended(HasMetadata run) {
    return RunKind.summaryOf(run).ended();
  }

  private static String names(List<HasMetadata> runs) {
    return String.join(", ", runs.stream().map(r -> r.getMetadata().getName()).toList());
  }
}

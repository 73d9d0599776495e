package dev.kubectlqperf.model.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * When a schedule's next run is due, the way a CronJob decides it: of the due times after the
 * last one that ran (or the schedule's creation) up to now, only the most recent may run, and
 * not if it is older than the starting deadline. A pipeline down for hours starts one run, not a
 * burst. Pure.
 */
public final class ScheduleTiming {

  /** Past this many missed due times, CronJob stops counting; so do we. */
  public static final int MAX_COUNTED = 100;

  /**
   * @param due the due time to run now; null when none is due (none passed, or too late)
   * @param missed how many due times passed since the last run, up to {@link #MAX_COUNTED}; more
   *     than one means some were skipped
   * @param next the first due time after now; null when the schedule has none
   */
  public record Due(Instant due, int missed, Instant next) {}

  private ScheduleTiming() {}

  /**
   * @param earliest the last due time that ran, or the schedule's creation time
   * @param startingDeadlineSeconds null: no deadline
   */
  public static Due decide(CronSchedule cron, Instant earliest, Instant now, Long startingDeadlineSeconds) {
    Instant from = earliest;
    if (startingDeadlineSeconds != null) {
      Instant deadline = now.minusSeconds(startingDeadlineSeconds);
      if (deadline.isAfter(from)) {
        from = deadline;
      }
    }
    int missed = 0;
    Instant last = null;
    for (Instant t = cron.next(from); t != null && !t.isAfter(now) && missed < MAX_COUNTED; t = cron.next(t)) {
      last = t;
      missed++;
    }
    if (missed == MAX_COUNTED) {
      last = latestUpTo(cron, from, now);
    }
    return new Due(last, missed, cron.next(now));
  }

  /** The latest due time in (from, now], looking back over a window that doubles until it finds one. */
  static Instant latestUpTo(CronSchedule cron, Instant from, Instant now) {
    for (Duration window = Duration.ofMinutes(1); ; window = window.multipliedBy(2)) {
      Instant start = now.minus(window).isAfter(from) ? now.minus(window) : from;
      Instant last = null;
      for (Instant t = cron.next(start); t != null && !t.isAfter(now); t = cron.next(t)) {
        last = t;
      }
      if (last != null || start.equals(from)) {
        return last;
      }
    }
  }
}

package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTimingTest {

  private static final CronSchedule EVERY_MINUTE = CronSchedule.parse("* * * * *", null);
  private static final Instant CREATED = Instant.parse("2026-11-27T10:00:20Z");

  @Test
  void nothingIsDueBeforeTheFirstDueTime() {
    ScheduleTiming.Due due = ScheduleTiming.decide(EVERY_MINUTE, CREATED, at("10:00:50"), null);
    assertNull(due.due());
    assertEquals(0, due.missed());
    assertEquals(at("10:01:00"), due.next());
  }

  @Test
  void theDueTimeRunsOnceReached() {
    ScheduleTiming.Due due = ScheduleTiming.decide(EVERY_MINUTE, CREATED, at("10:01:00"), null);
    assertEquals(at("10:01:00"), due.due());
    assertEquals(1, due.missed());
    assertEquals(at("10:02:00"), due.next());
  }

  @Test
  void aDueTimeThatRanIsNotDueAgain() {
    assertNull(ScheduleTiming.decide(EVERY_MINUTE, at("10:01:00"), at("10:01:40"), null).due());
  }

  @Test
  void threeMissedDueTimesMakeOneRunForTheLatest() {
    ScheduleTiming.Due due = ScheduleTiming.decide(EVERY_MINUTE, at("10:01:00"), at("10:04:30"), null);
    assertEquals(at("10:04:00"), due.due());
    assertEquals(3, due.missed());
  }

  @Test
  void theDeadlineSkipsARunTooLate() {
    CronSchedule hourly = CronSchedule.parse("0 * * * *", null);
    assertNull(ScheduleTiming.decide(hourly, at("10:00:00"), at("11:05:00"), 120L).due());
    assertEquals(at("11:00:00"), ScheduleTiming.decide(hourly, at("10:00:00"), at("11:01:59"), 120L).due());
  }

  @Test
  void aLongOutageCountsUpToTheCapAndStillRunsTheLatest() {
    Instant now = Instant.parse("2026-12-27T10:00:30Z"); // a month of minutes later
    ScheduleTiming.Due due = ScheduleTiming.decide(EVERY_MINUTE, CREATED, now, null);
    assertEquals(ScheduleTiming.MAX_COUNTED, due.missed());
    assertEquals(Instant.parse("2026-12-27T10:00:00Z"), due.due());
  }

  @Test
  void theLatestOfASparseScheduleIsFoundFarBack() {
    CronSchedule daily = CronSchedule.parse("30 9 * * *", null);
    assertEquals(Instant.parse("2026-11-27T09:30:00Z"),
        ScheduleTiming.latestUpTo(daily, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-27T20:00:00Z")));
    assertNull(ScheduleTiming.latestUpTo(daily, Instant.parse("2026-11-27T10:00:00Z"),
        Instant.parse("2026-11-27T20:00:00Z")));
  }

  private static Instant at(String time) {
    return Instant.parse("2026-11-27T" + time + "Z");
  }
}

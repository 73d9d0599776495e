package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:02:30Z"); // a Friday

  @Test
  void everyFiveMinutes() {
    CronSchedule cron = CronSchedule.parse("*/5 * * * *", null);
    assertEquals(List.of("2026-11-27T10:05:00Z", "2026-11-27T10:10:00Z", "2026-11-27T10:15:00Z"), next(cron, T0, 3));
  }

  @Test
  void aDueTimeIsStrictlyAfter() {
    CronSchedule cron = CronSchedule.parse("* * * * *", null);
    assertEquals(Instant.parse("2026-11-27T10:06:00Z"), cron.next(Instant.parse("2026-11-27T10:05:00Z")));
  }

  @Test
  void macros() {
    assertEquals(Instant.parse("2026-11-27T11:00:00Z"), CronSchedule.parse("@hourly", null).next(T0));
    assertEquals(Instant.parse("2026-11-28T00:00:00Z"), CronSchedule.parse("@daily", "").next(T0));
    assertEquals(Instant.parse("2026-11-29T00:00:00Z"), CronSchedule.parse("@weekly", null).next(T0)); // Sunday
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CronSchedule.parse("@monthly", null).next(T0));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), CronSchedule.parse("@yearly", null).next(T0));
  }

  @Test
  void cronWeekdaysCountFromSundayZero() {
    // 1-5: Monday to Friday; from Friday 10:02 the next 09:00 ones are Monday and Tuesday
    CronSchedule weekdays = CronSchedule.parse("0 9 * * 1-5", null);
    assertEquals(List.of("2026-11-30T09:00:00Z", "2026-12-01T09:00:00Z"), next(weekdays, T0, 2));
    assertEquals(Instant.parse("2026-11-29T09:00:00Z"), CronSchedule.parse("0 9 * * 0", null).next(T0));
    assertEquals(Instant.parse("2026-11-29T09:00:00Z"), CronSchedule.parse("0 9 * * 7", null).next(T0));
    assertEquals(Instant.parse("2026-11-29T09:00:00Z"), CronSchedule.parse("0 9 * * SUN", null).next(T0));
    // 6-7: Saturday and Sunday, a range Quartz cannot write without wrapping
    assertEquals(List.of("2026-11-28T09:00:00Z", "2026-11-29T09:00:00Z", "2026-12-05T09:00:00Z"),
        next(CronSchedule.parse("0 9 * * 6-7", null), T0, 3));
    assertEquals(List.of("2026-11-28T09:00:00Z", "2026-11-29T09:00:00Z", "2026-11-30T09:00:00Z"),
        next(CronSchedule.parse("0 9 * * 0-7", null), T0, 3));
  }

  @Test
  void bothDayFieldsRestrictedMeansEither() {
    // the 1st of the month or any Monday
    CronSchedule cron = CronSchedule.parse("0 0 1 * 1", null);
    assertEquals(List.of("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"), next(cron, T0, 3));
  }

  @Test
  void aTimeZoneShiftsTheDueTimes() {
    CronSchedule paris = CronSchedule.parse("0 9 * * *", "Europe/Paris");
    assertEquals(Instant.parse("2026-11-28T08:00:00Z"), paris.next(T0)); // UTC+1 in winter
  }

  @Test
  void aScheduleWithNoDueTimeHasNoNext() {
    assertNull(CronSchedule.parse("0 0 30 2 *", null).next(T0));
  }

  @Test
  void badInputIsAClearMessage() {
    assertTrue(message("* * * *", null).contains("has 4 fields; cron needs 5"));
    assertTrue(message("61 * * * *", null).contains("is not a valid cron expression"));
    assertTrue(message("x y z a b", null).contains("is not a valid cron expression"));
    assertTrue(message("0 9 * * 8", null).contains("day of week 8"));
    assertTrue(message("", null).contains("empty"));
    assertTrue(message("* * * * *", "Mars/Olympus").contains("timeZone 'Mars/Olympus' is not a known time zone"));
  }

  private static String message(String schedule, String zone) {
    return assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(schedule, zone)).getMessage();
  }

  private static List<String> next(CronSchedule cron, Instant from, int n) {
    List<String> times = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < n; i++) {
      t = cron.next(t);
      times.add(t.toString());
    }
    return times;
  }
}

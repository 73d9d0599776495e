package dev.kubectlqperf.model.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A CronJob's schedule (five fields, or a macro such as {@code @hourly}) in a time zone, evaluated
 * by Quartz's {@link CronExpression}. Quartz's dialect differs from cron's in three ways this class
 * bridges, field by field and without parsing the fields' contents: it has a seconds field (always
 * 0 here); one of day-of-month and day-of-week must be {@code ?}; its days of the week count from
 * 1 (Sunday) where cron counts from 0 (Sunday, also 7). Where both day fields are restricted, cron
 * fires on either; that is two Quartz expressions, and the earlier next time wins. Pure.
 */
public final class CronSchedule {

  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private final List<CronExpression> expressions;

  private CronSchedule(List<CronExpression> expressions) {
    this.expressions = expressions;
  }

  /**
   * @param timeZone an IANA zone name; null or blank: UTC
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  public static CronSchedule parse(String schedule, String timeZone) {
    TimeZone zone = zone(timeZone);
    if (schedule == null || schedule.isBlank()) {
      throw new IllegalArgumentException("spec.schedule is empty");
    }
    String expanded = MACROS.getOrDefault(schedule.strip().toLowerCase(Locale.ROOT), schedule.strip());
    String[] f = expanded.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("schedule '" + schedule + "' has " + f.length
          + " fields; cron needs 5: minute hour day-of-month month day-of-week");
    }
    String dom = anyIfQuestion(f[2]);
    String dow = anyIfQuestion(f[4]);
    List<String> quartz = new ArrayList<>();
    if (dow.equals("*")) {
      quartz.add(String.join(" ", "0", f[0], f[1], dom, f[3], "?"));
    } else if (dom.equals("*")) {
      quartz.add(String.join(" ", "0", f[0], f[1], "?", f[3], quartzWeekdays(dow, schedule)));
    } else {
      quartz.add(String.join(" ", "0", f[0], f[1], dom, f[3], "?"));
      quartz.add(String.join(" ", "0", f[0], f[1], "?", f[3], quartzWeekdays(dow, schedule)));
    }
    List<CronExpression> expressions = new ArrayList<>();
    for (String q : quartz) {
      try {
        CronExpression expression = new CronExpression(q);
        expression.setTimeZone(zone);
        expressions.add(expression);
      } catch (ParseException | RuntimeException e) {
        throw new IllegalArgumentException("schedule '" + schedule + "' is not a valid cron expression: "
            + e.getMessage());
      }
    }
    return new CronSchedule(List.copyOf(expressions));
  }

  private static TimeZone zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return TimeZone.getTimeZone("UTC");
    }
    try {
      return TimeZone.getTimeZone(ZoneId.of(timeZone.strip()));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a known time zone (an IANA name such "
          + "as Europe/Paris is expected)");
    }
  }

  /** The first due time strictly after {@code after}; null when there is none (e.g. 30 February). */
  public Instant next(Instant after) {
    Instant best = null;
    for (CronExpression expression : expressions) {
      Date next = expression.getNextValidTimeAfter(Date.from(after));
      if (next != null && (best == null || next.toInstant().isBefore(best))) {
        best = next.toInstant();
      }
    }
    return best;
  }

  private static String anyIfQuestion(String field) {
    return field.equals("?") ? "*" : field;
  }

  /**
   * Cron's day-of-week numbers (0-7, Sunday 0 and 7) as Quartz's (1-7, Sunday 1). Names pass
   * unchanged. A range that ends on 7 (Sunday) is split, since Quartz's ranges cannot wrap.
   */
  private static String quartzWeekdays(String dow, String schedule) {
    List<String> parts = new ArrayList<>();
    for (String item : dow.split(",")) {
      String step = "";
      int slash = item.indexOf('/');
      String range = item;
      if (slash >= 0) {
        step = item.substring(slash);
        range = item.substring(0, slash);
      }
      String[] ends = range.split("-", -1);
      if (ends.length == 2 && isNumber(ends[0]) && isNumber(ends[1]) && Integer.parseInt(ends[1]) == 7
          && step.isEmpty()) {
        parts.add(Integer.parseInt(ends[0]) == 0 ? "1-7" : shift(ends[0], schedule) + "-7");
        if (Integer.parseInt(ends[0]) > 0) {
          parts.add("1");
        }
        continue;
      }
      StringBuilder shifted = new StringBuilder();
      for (int i = 0; i < ends.length; i++) {
        shifted.append(i == 0 ? "" : "-").append(isNumber(ends[i]) ? shift(ends[i], schedule) : ends[i]);
      }
      parts.add(shifted + step);
    }
    return String.join(",", parts);
  }

  private static String shift(String day, String schedule) {
    int n = Integer.parseInt(day);
    if (n > 7) {
      throw new IllegalArgumentException("schedule '" + schedule + "': day of week " + n + " is not in 0-7");
    }
    return Integer.toString(n == 7 ? 1 : n + 1);
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}

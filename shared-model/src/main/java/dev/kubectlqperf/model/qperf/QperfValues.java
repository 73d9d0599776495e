package dev.kubectlqperf.model.qperf;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** qperf's argument value syntax: integers, sizes and times, with qperf's own error messages. */
public final class QperfValues {

  private static final Pattern NUMBER = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)(.*)");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private QperfValues() {}

  /** A size in bytes, e.g. {@code 64K} = 65536, {@code 1k} = 1000. */
  public static long parseSize(String text, String option) {
    Matcher m = NUMBER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(option + ": bad size: " + text);
    }
    long multiplier = switch (m.group(2)) {
      case "" -> 1;
      case "k", "kb" -> 1000;
      case "m", "mb" -> 1000_000;
      case "g", "gb" -> 1000_000_000;
      case "K", "kib" -> 1024;
      case "M", "mib" -> 1024 * 1024;
      case "G", "gib" -> 1024L * 1024 * 1024;
      default -> throw new IllegalArgumentException(option + ": bad size: " + text);
    };
    BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
    if (value.signum() < 0) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    return value.longValue();
  }

  /** Whole seconds: qperf truncates, so {@code 0.5} is 0. */
  public static long parseTime(String text, String option) {
    Matcher m = NUMBER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad argument: " + text);
    }
    BigDecimal value = new BigDecimal(m.group(1));
    if (value.signum() < 0) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    long seconds = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "", "s" -> 1;
      case "m" -> 60;
      case "h" -> 3600;
      case "d" -> 86400;
      default -> throw new IllegalArgumentException("bad argument: " + text);
    };
    return value.multiply(BigDecimal.valueOf(seconds)).longValue();
  }

  public static long parseInt(String text, String option) {
    if (!INTEGER.matcher(text).matches()) {
      throw new IllegalArgumentException("bad argument: " + text);
    }
    long value = Long.parseLong(text);
    if (value < 0) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    return value;
  }
}

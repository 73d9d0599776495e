package dev.kubectlqperf.model.qperf;

import java.util.Map;

/**
 * qperf's argument values: integers, sizes and times, read as qperf 0.4.11 reads them (arg_long,
 * str_size, arg_time over C's strtol and strtold), to the same number and with qperf's own error
 * messages. Every such value is then kept in 32 bits ({@link #stored}).
 */
public final class QperfValues {

  private static final Map<String, Long> SIZE_SUFFIXES = Map.ofEntries(
      Map.entry("", 1L), Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("m", 1000_000L),
      Map.entry("mb", 1000_000L), Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L),
      Map.entry("K", 1024L), Map.entry("kib", 1024L), Map.entry("M", 1024L * 1024), Map.entry("mib", 1024L * 1024),
      Map.entry("G", 1024L * 1024 * 1024), Map.entry("gib", 1024L * 1024 * 1024));
  private static final Map<Character, Long> TIME_SUFFIXES = Map.of('s', 1L, 'm', 60L, 'h', 3600L, 'd', 86400L);

  private QperfValues() {}

  /** A size option's value in bytes ({@code 64K} = 65536, {@code 1k} = 1000); it must not be negative. */
  public static long parseSize(String text, String option) {
    long value = sizeOf(text, option);
    if (value < 0) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    return value;
  }

  /** qperf's str_size, as {@code -oo} reads its fields: a negative result is allowed here. */
  public static long sizeOf(String text, String option) {
    CNumber number = CNumber.strtold(text);
    Long multiplier = SIZE_SUFFIXES.get(number.rest());
    if (multiplier == null) {
      throw new IllegalArgumentException(option + ": " + "bad size: " + text);
    }
    return number.times(multiplier).toLong();
  }

  /** Whole seconds: qperf truncates, so {@code 0.5} is 0; past a long's range it is {@link Long#MIN_VALUE}. */
  public static long parseTime(String text, String option) {
    CNumber number = CNumber.strtold(text);
    if (number.belowZero()) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    String rest = number.rest();
    Long unit = rest.length() == 1 ? TIME_SUFFIXES.get(Character.toLowerCase(rest.charAt(0))) : null;
    if (!rest.isEmpty() && unit == null) {
      throw new IllegalArgumentException("bad argument: " + text);
    }
    return number.times(unit == null ? 1 : unit).toLong();
  }

  /** A non-negative decimal integer ({@code strtol}: an empty text is 0, an overlong one saturates). */
  public static long parseInt(String text, String option) {
    CNumber number = CNumber.strtol(text);
    if (!number.rest().isEmpty()) {
      throw new IllegalArgumentException("bad argument: " + text);
    }
    long value = number.toLong();
    if (value < 0) {
      throw new IllegalArgumentException(option + " requires a non-negative number");
    }
    return value;
  }

  /** What qperf keeps of a value: its parameters are 32-bit unsigned, so 4294967296 is 0. */
  public static long stored(long value) {
    return value & 0xFFFF_FFFFL;
  }
}

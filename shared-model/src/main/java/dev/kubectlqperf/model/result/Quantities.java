package dev.kubectlqperf.model.result;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A value in a base unit, written the way qperf writes it: the largest prefix that keeps the
 * number at least 1, three significant digits ({@code 1.81 GB/sec}, {@code 7.02 us}). Pure.
 */
public final class Quantities {

  private static final String[] DECIMAL_PREFIXES = {"", "K", "M", "G", "T"};
  private static final String[] TIMES = {"ns", "us", "ms", "sec"};

  private Quantities() {}

  public static String format(double value, String unit) {
    if (unit == null) {
      return significant(value);
    }
    return switch (unit) {
      case "B/s" -> decimal(value, "bytes/sec", "B/sec");
      case "1/s" -> decimal(value, "/sec", "/sec");
      case "B" -> decimal(value, "bytes", "B");
      case "s" -> time(value, "");
      case "s/GB" -> time(value, "/GB");
      case "%cpu" -> significant(value) + " % cpus";
      default -> significant(value);
    };
  }

  private static String decimal(double value, String plain, String prefixed) {
    int i = 0;
    double scaled = value;
    while (Math.abs(scaled) >= 1000 && i < DECIMAL_PREFIXES.length - 1) {
      scaled /= 1000;
      i++;
    }
    return significant(scaled) + " " + (i == 0 ? plain : DECIMAL_PREFIXES[i] + prefixed);
  }

  private static String time(double seconds, String suffix) {
    int i = TIMES.length - 1;
    double scaled = seconds;
    while (Math.abs(scaled) < 1 && scaled != 0 && i > 0) {
      scaled *= 1000;
      i--;
    }
    return significant(scaled) + " " + TIMES[i] + suffix;
  }

  private static String significant(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.stripTrailingZeros().toPlainString();
  }
}

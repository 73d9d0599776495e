package dev.kubectlqperf.model.parse;

import dev.kubectlqperf.model.result.Unit;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every unit qperf 0.4.11 prints, scaled or raw ({@code -uu}), bits ({@code -ub}) or bytes, mapped
 * to a base unit and a factor. Decimal prefixes are powers of 1000, KiB-style ones of 1024.
 */
public final class QperfUnits {

  /** A printed unit: what it measures and how much one of it is in the base unit. */
  public record Scale(Unit unit, BigDecimal factor) {}

  private static final Map<String, Scale> UNITS = new HashMap<>();

  static {
    String[] decimal = {"", "K", "M", "G", "T"};
    for (int i = 0; i < decimal.length; i++) {
      BigDecimal thousands = BigDecimal.TEN.pow(3 * i);
      String p = decimal[i];
      put((p.isEmpty() ? "bytes" : p + "B") + "/sec", Unit.BYTES_PER_SECOND, thousands);
      put((p.isEmpty() ? "bits" : p + "b") + "/sec", Unit.BYTES_PER_SECOND, thousands.divide(BigDecimal.valueOf(8)));
      put(p + "/sec", Unit.PER_SECOND, thousands);
      put(p.isEmpty() ? "bytes" : p + "B", Unit.BYTES, thousands);
      if (!p.isEmpty()) {
        put(p + "iB", Unit.BYTES, BigDecimal.valueOf(1024).pow(i));
      }
    }
    String[] times = {"ns", "us", "ms", "sec"};
    for (int i = 0; i < times.length; i++) {
      BigDecimal seconds = BigDecimal.ONE.movePointLeft(9 - 3 * i);
      put(times[i], Unit.SECONDS, seconds);
      put(times[i] + "/GB", Unit.SECONDS_PER_GB, seconds);
    }
    put("% cpus", Unit.PERCENT_CPU, BigDecimal.ONE);
    put("", Unit.COUNT, BigDecimal.ONE);
    put("thousand", Unit.COUNT, BigDecimal.TEN.pow(3));
    put("million", Unit.COUNT, BigDecimal.TEN.pow(6));
    put("billion", Unit.COUNT, BigDecimal.TEN.pow(9));
    put("trillion", Unit.COUNT, BigDecimal.TEN.pow(12));
  }

  private QperfUnits() {}

  private static void put(String text, Unit unit, BigDecimal factor) {
    UNITS.put(text, new Scale(unit, factor));
  }

  public static Optional<Scale> of(String text) {
    return Optional.ofNullable(UNITS.get(text));
  }
}

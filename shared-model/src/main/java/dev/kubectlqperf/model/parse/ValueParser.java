package dev.kubectlqperf.model.parse;

import dev.kubectlqperf.model.result.Metric;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the right-hand side of a result line into a {@link Metric}: {@code 2.01 GB/sec},
 * {@code 64 KiB (65,536)}, {@code 61,496 } (a count, with its trailing space), {@code 1.2 million}.
 */
public final class ValueParser {

  private static final Pattern NUMERIC = Pattern.compile(
      "(?<num>-?\\d[\\d,]*(?:\\.\\d+)?|-?\\.\\d+)(?: (?<unit>[A-Za-z%/][A-Za-z /]*?))?(?: \\((?<exact>\\d[\\d,]*)\\))? ?");

  private ValueParser() {}

  /** Empty when the text is not a number with a unit qperf prints. */
  public static Optional<Metric> numeric(String rawValue) {
    String text = rawValue.strip();
    Matcher m = NUMERIC.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String unitText = m.group("unit") == null ? "" : m.group("unit");
    Optional<QperfUnits.Scale> scale = QperfUnits.of(unitText);
    if (scale.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal number = exactOr(m.group("exact"), new BigDecimal(m.group("num").replace(",", "")), scale.get());
    return Optional.of(Metric.number(number.stripTrailingZeros(), scale.get().unit(), text));
  }

  /** Where qperf prints an exact byte count in parentheses, that count is the value. */
  private static BigDecimal exactOr(String exact, BigDecimal shown, QperfUnits.Scale scale) {
    if (exact != null) {
      return new BigDecimal(exact.replace(",", ""));
    }
    return shown.multiply(scale.factor());
  }
}

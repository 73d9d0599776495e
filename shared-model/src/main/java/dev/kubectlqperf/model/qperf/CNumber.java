package dev.kubectlqperf.model.qperf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number read the way qperf reads it, with glibc's {@code strtold} or {@code strtol}: the longest
 * prefix that is a number (decimal, hexadecimal, {@code inf}, {@code nan}), and what follows it.
 * Where nothing is a number, the value is 0 and the rest is the whole text. Conversion to C's
 * {@code long} is x86-64's: truncation towards zero, and {@link Long#MIN_VALUE} for anything out
 * of range, infinite or not a number.
 *
 * @param value the finite value, or null for infinity and NaN
 * @param infinite whether it is infinity (value null and not infinite: NaN)
 * @param negative the sign of a finite value or of infinity
 * @param rest what follows the number
 */
record CNumber(BigDecimal value, boolean infinite, boolean negative, String rest) {

  private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]*";
  private static final Pattern INFINITY = Pattern.compile(SPACE + "([+-]?)(?i:infinity|inf)");
  private static final Pattern NAN = Pattern.compile(SPACE + "[+-]?(?i:nan)(?:\\([0-9A-Za-z_]*\\))?");
  private static final Pattern HEX = Pattern.compile(
      SPACE + "([+-]?)0[xX](?:(\\p{XDigit}+)(?:\\.(\\p{XDigit}*))?|\\.(\\p{XDigit}+))(?:[pP]([+-]?\\d+))?");
  private static final Pattern DECIMAL = Pattern.compile(
      SPACE + "([+-]?)(?:(\\d+)(?:\\.(\\d*))?|\\.(\\d+))(?:[eE]([+-]?\\d+))?");
  private static final Pattern INTEGER = Pattern.compile(SPACE + "([+-]?\\d+)");
  /** Beyond this power of ten or two, a long double is infinite or 0 (its range ends near 2^16384). */
  private static final int EXPONENT_LIMIT = 20_000;
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** glibc's strtold. */
  static CNumber strtold(String text) {
    Matcher m = INFINITY.matcher(text);
    if (m.lookingAt()) {
      return new CNumber(null, true, m.group(1).equals("-"), text.substring(m.end()));
    }
    m = NAN.matcher(text);
    if (m.lookingAt()) {
      return new CNumber(null, false, false, text.substring(m.end()));
    }
    m = HEX.matcher(text);
    if (m.lookingAt()) {
      String whole = m.group(2) != null ? m.group(2) : "";
      String fraction = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
      BigInteger mantissa = new BigInteger(whole + fraction, 16);
      long exponent = exponent(m.group(5)) - 4L * fraction.length();
      return scaled(m.group(1).equals("-"), new BigDecimal(mantissa), BigDecimal.valueOf(2), exponent, text, m);
    }
    m = DECIMAL.matcher(text);
    if (m.lookingAt()) {
      String whole = m.group(2) != null ? m.group(2) : "";
      String fraction = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
      BigDecimal digits = new BigDecimal(new BigInteger(whole + fraction), fraction.length());
      return scaled(m.group(1).equals("-"), digits, BigDecimal.TEN, exponent(m.group(5)), text, m);
    }
    return new CNumber(BigDecimal.ZERO, false, false, text);
  }

  /** glibc's strtol in base 10, which saturates at the ends of a long. */
  static CNumber strtol(String text) {
    Matcher m = INTEGER.matcher(text);
    if (!m.lookingAt()) {
      return new CNumber(BigDecimal.ZERO, false, false, text);
    }
    BigDecimal value = new BigDecimal(m.group(1)).max(LONG_MIN).min(LONG_MAX);
    return new CNumber(value, false, value.signum() < 0, text.substring(m.end()));
  }

  /** The exponent, held to just past the limit so that arithmetic on it cannot overflow. */
  private static long exponent(String digits) {
    if (digits == null) {
      return 0;
    }
    BigInteger e = new BigInteger(digits);
    long bound = EXPONENT_LIMIT + 1L;
    return e.abs().compareTo(BigInteger.valueOf(bound)) > 0 ? e.signum() * bound : e.longValue();
  }

  private static CNumber scaled(boolean negative, BigDecimal digits, BigDecimal base, long exponent, String text,
      Matcher m) {
    String rest = text.substring(m.end());
    if (digits.signum() == 0 || exponent < -EXPONENT_LIMIT) {
      return new CNumber(BigDecimal.ZERO, false, negative, rest); // C's -0.0 and underflow: not below zero
    }
    if (exponent > EXPONENT_LIMIT) {
      return new CNumber(null, true, negative, rest);
    }
    BigDecimal power = base.pow((int) Math.abs(exponent));
    BigDecimal magnitude = exponent >= 0 ? digits.multiply(power) : digits.divide(power); // exact: 2^-n and 10^-n end
    return new CNumber(negative ? magnitude.negate() : magnitude, false, negative, rest);
  }

  /** Below zero as C compares it: NaN is not. */
  boolean belowZero() {
    return value == null ? negative && infinite : value.signum() < 0;
  }

  /** This number times a positive factor. */
  CNumber times(long factor) {
    return value == null ? this : new CNumber(value.multiply(BigDecimal.valueOf(factor)), false, negative, rest);
  }

  /** C's conversion to long on x86-64. */
  long toLong() {
    if (value == null) {
      return Long.MIN_VALUE;
    }
    BigDecimal truncated = value.setScale(0, RoundingMode.DOWN);
    return truncated.compareTo(LONG_MIN) < 0 || truncated.compareTo(LONG_MAX) > 0 ? Long.MIN_VALUE
        : truncated.longValueExact();
  }
}

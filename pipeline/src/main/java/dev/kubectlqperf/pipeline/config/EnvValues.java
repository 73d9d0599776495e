package dev.kubectlqperf.pipeline.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reading typed values from environment-style keys, with messages that name the key. */
public final class EnvValues {

  private EnvValues() {}

  public static long wholeNumber(Map<String, String> env, String key, long fallback, long min) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed < min) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number of at least " + min + ", got '" + value + "'");
    }
  }

  public static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The value without surrounding blanks, or null when unset or blank. */
  public static String optional(Map<String, String> env, String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}

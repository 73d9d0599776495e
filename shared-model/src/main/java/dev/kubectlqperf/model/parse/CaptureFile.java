package dev.kubectlqperf.model.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capture format used for recorded qperf runs: {@code # } header lines (one of them
 * {@code # exit code: N}), then qperf's stdout, optionally a {@code # --- stderr ---} marker and
 * stderr. qperf itself never prints a line starting with {@code # }.
 */
public record CaptureFile(String output, Integer exitCode) {

  private static final Pattern EXIT_CODE = Pattern.compile("# exit code: (\\d+).*");

  public static boolean looksLikeCapture(String text) {
    return text.startsWith("# command:") || text.startsWith("# exit code:");
  }

  /** Reads a capture; a text that is not one is returned whole, with an unknown exit code. */
  public static CaptureFile read(String text) {
    if (!looksLikeCapture(text)) {
      return new CaptureFile(text, null);
    }
    StringBuilder output = new StringBuilder();
    Integer exitCode = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("# ")) {
        exitCode = exitCode != null ? exitCode : exitCodeOf(line).orElse(null);
      } else {
        output.append(line).append('\n');
      }
    }
    return new CaptureFile(output.toString(), exitCode);
  }

  private static Optional<Integer> exitCodeOf(String line) {
    Matcher m = EXIT_CODE.matcher(line);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}

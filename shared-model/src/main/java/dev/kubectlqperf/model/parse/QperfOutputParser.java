package dev.kubectlqperf.model.parse;

import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what a qperf client printed (a pod log: stdout and stderr merged, possibly out of order)
 * into a {@link QperfResult}. Pure and total: any input gives a document, never an exception;
 * lines it does not understand are kept in {@code unparsed}.
 */
public final class QperfOutputParser {

  private static final Pattern HEADER = Pattern.compile("([a-z][a-z0-9_]*):");
  private static final Pattern RESULT = Pattern.compile(" {4}(\\S+) +=  (.*)");
  private static final Pattern VERSION = Pattern.compile("qperf (\\d+\\.\\d+\\.\\d+)");
  private static final String WARNING = "warning: ";
  private static final String SERVER = "server:";
  /** Words of qperf's error messages, for logs whose exit code is unknown. */
  private static final Pattern ERROR_WORDS = Pattern.compile(
      ".*(bad test|bad option|must specify|did not specify|client or server\\?|missing argument|bad argument"
          + "|bad size|non-negative|failed|cannot|unable|internal error|upgrade qperf|must be between"
          + "|no such variable|increment must be|too long|not responding|timed out|error).*");

  private QperfOutputParser() {}

  /**
   * @param output everything qperf printed
   * @param exitCode qperf's exit code, or null when unknown
   */
  public static QperfResult parse(String output, Integer exitCode) {
    Parse state = new Parse(exitCode);
    String text = output == null ? "" : output;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end);
      state.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    return state.finish();
  }

  /** The mutable state of one parse; never escapes {@link #parse}. */
  private static final class Parse {
    private final Integer exitCode;
    private final List<Block> blocks = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Unparsed unparsed = new Unparsed();
    private String version;
    private boolean printedAnything;

    Parse(Integer exitCode) {
      this.exitCode = exitCode;
    }

    void line(String line) {
      if (line.isBlank()) {
        return;
      }
      printedAnything = true;
      Block current = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      Matcher header = HEADER.matcher(line);
      Matcher result = RESULT.matcher(line);
      Matcher version = VERSION.matcher(line);
      if (header.matches() && QperfTest.byName(header.group(1)).isPresent()) {
        blocks.add(new Block(header.group(1)));
      } else if (result.matches() && current != null) {
        resultLine(current, result.group(1), result.group(2), line);
      } else if (line.startsWith(WARNING)) {
        (current != null ? current.warnings : warnings).add(line);
      } else if (line.startsWith(SERVER)) {
        errors.add(line.strip());
        serverErrors.add(line.strip());
      } else if (version.matches()) {
        this.version = version.group(1);
      } else if (!line.startsWith(" ") && isError(line)) {
        errors.add(line.strip());
        if (current != null && current.metrics.isEmpty()) {
          current.localErrors.add(line.strip());
        }
      } else {
        unparsed.add(line);
      }
    }

    private void resultLine(Block block, String name, String value, String line) {
      Optional<Metric> metric = block.test.equals(QperfTest.conf.name())
          ? Optional.of(Metric.string(value.strip()))
          : ValueParser.numeric(value);
      if (metric.isEmpty() || block.metrics.containsKey(name)) {
        unparsed.add(line);
      } else {
        block.metrics.put(name, metric.get());
      }
    }

    private boolean isError(String line) {
      if (exitCode != null) {
        return exitCode != 0;
      }
      return ERROR_WORDS.matcher(line).matches();
    }

    QperfResult finish() {
      List<TestResult> tests = new ArrayList<>();
      Block lastFailed = blocks.stream().filter(Block::failed).reduce((a, b) -> b).orElse(null);
      for (Block block : blocks) {
        String error = block.failed() ? failureOf(block, block == lastFailed) : null;
        if (error != null && block.localErrors.isEmpty() && serverErrors.isEmpty() && !hasNonZeroExit()) {
          errors.add(block.test + ": " + error);
        }
        tests.add(block.toResult(error));
      }
      if (!printedAnything) {
        errors.add("qperf printed nothing");
      } else if (hasNonZeroExit() && errors.isEmpty()) {
        errors.add("qperf exited with code " + exitCode + " without printing an error");
      }
      tests = LoopVariables.annotate(tests);
      if (version == null) {
        version = confVersion(tests);
      }
      boolean ok = errors.isEmpty() && tests.stream().allMatch(TestResult::ok) && !hasNonZeroExit();
      RunIdentity run = version == null ? null : RunIdentity.ofVersion(version);
      return new QperfResult(QperfResult.SCHEMA, ok, run, exitCode, tests, List.copyOf(errors), List.copyOf(warnings),
          unparsed.lines());
    }

    private boolean hasNonZeroExit() {
      return exitCode != null && exitCode != 0;
    }

    /** Local errors printed after the header win; else the server's reason; else what is known. */
    private String failureOf(Block block, boolean last) {
      if (!block.localErrors.isEmpty()) {
        return String.join("; ", block.localErrors);
      }
      if (last && !serverErrors.isEmpty()) {
        return serverErrors.stream().filter(e -> e.length() > SERVER.length()).findFirst()
            .orElse("server: (the server reported an error without a message)");
      }
      if (last && hasNonZeroExit()) {
        return "no result: qperf exited with code " + exitCode;
      }
      return "no result: the output ends after the test header";
    }

    private static String confVersion(List<TestResult> tests) {
      return tests.stream().filter(t -> t.test().equals(QperfTest.conf.name()))
          .map(t -> t.metrics().get("loc_qperf")).filter(m -> m != null).map(m -> String.valueOf(m.value()))
          .findFirst().orElse(null);
    }
  }
}

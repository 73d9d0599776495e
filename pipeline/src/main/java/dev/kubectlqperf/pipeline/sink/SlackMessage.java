package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.model.run.RunResults;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slack message for a run, pure: its verdict, the headline numbers per test block, and the
 * commands to look further. An incoming webhook's JSON payload.
 */
public final class SlackMessage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BLOCK_LINES = 20;

  private SlackMessage() {}

  /**
   * {@code text} is the first line, the verdict, which is also what a notification shows; the
   * attachment holds the rest, coloured green when the run passed and red when it did not.
   */
  public static String payload(QperfResult result, String channel) {
    String firstLine = firstLine(result);
    ObjectNode payload = JSON.createObjectNode().put("text", firstLine);
    if (channel != null) {
      payload.put("channel", channel);
    }
    payload.putArray("attachments").addObject().put("color", result.passed() ? "good" : "danger")
        .put("fallback", firstLine).put("text", details(result)).putArray("mrkdwn_in").add("text");
    return payload.toString();
  }

  /** e.g. {@code :x: Qperf *bench/nightly* failed its thresholds: tcp_lat latency p99 at most 50 us: …}. */
  static String firstLine(QperfResult result) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    Verdict verdict = result.verdict();
    StringBuilder line = new StringBuilder(result.passed() ? ":white_check_mark: " : ":x: ")
        .append("Qperf *").append(qualified(run)).append("* ");
    if (!result.ok()) {
      line.append("failed: ").append(result.firstError());
    } else if (verdict == null) {
      line.append("completed");
    } else if (verdict.passed()) {
      line.append("passed: ").append(RunResults.verdictMessage(verdict));
    } else {
      line.append("failed its thresholds: ").append(RunResults.verdictMessage(verdict));
    }
    if (run.serverNode() != null || run.clientNode() != null) {
      line.append(" (server ").append(orUnknown(run.serverNode())).append(", client ")
          .append(orUnknown(run.clientNode())).append(')');
    }
    return line.toString();
  }

  /** The numbers (statistics when repeated, else each block), each threshold, and what to run next. */
  static String details(QperfResult result) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    List<String> lines = new ArrayList<>();
    if (result.repetitionsOrEmpty().isEmpty()) {
      blockLines(result, lines);
    } else {
      statisticsLines(result, lines);
    }
    if (result.verdict() != null) {
      result.verdict().rules().forEach(r -> lines.add(r.line()));
    }
    if (run.name() != null) {
      String ns = run.namespace() == null ? "" : " -n " + run.namespace();
      lines.add("Next: `kubectl qperf " + (result.ok() ? "results " : "describe ") + run.name() + ns + "`"
          + (result.ok() ? "" : ", `kubectl qperf logs " + run.name() + ns + "`"));
    }
    return String.join("\n", lines);
  }

  private static void blockLines(QperfResult result, List<String> lines) {
    int shown = Math.min(result.tests().size(), MAX_BLOCK_LINES);
    for (TestResult t : result.tests().subList(0, shown)) {
      lines.add("• " + RunResults.headlineOf(t) + (!t.ok() && t.error() != null ? ": " + t.error() : ""));
    }
    if (shown < result.tests().size()) {
      lines.add("• … " + (result.tests().size() - shown) + " more test blocks");
    }
  }

  private static void statisticsLines(QperfResult result, List<String> lines) {
    List<MetricStatistics> stats = RunResults.headlineStatistics(result);
    if (stats != null) {
      stats.stream().limit(MAX_BLOCK_LINES).forEach(s -> lines.add("• " + RunResults.meanOf(s) + " (n=" + s.count()
          + ", p99 " + Quantities.format(s.p99(), s.unit()) + ")"));
    }
    result.repetitionsOrEmpty().stream().filter(r -> !r.ok())
        .forEach(r -> lines.add("• repetition " + r.repetition() + " failed: " + r.error()));
  }

  private static String qualified(RunIdentity run) {
    return run.namespace() == null ? orUnknown(run.name()) : run.namespace() + "/" + run.name();
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }
}

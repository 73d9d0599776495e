package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.pipeline.reconcile.RunResults;

/**
 * The Slack message for a run, pure: its verdict, the headline numbers per test block, and the
 * commands to look further. An incoming webhook's JSON payload.
 */
public final class SlackMessage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BLOCK_LINES = 20;

  private SlackMessage() {}

  public static String payload(QperfResult result, String channel) {
    ObjectNode payload = JSON.createObjectNode().put("text", text(result));
    if (channel != null) {
      payload.put("channel", channel);
    }
    return payload.toString();
  }

  static String text(QperfResult result) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    String ns = run.namespace() == null ? "" : " -n " + run.namespace();
    StringBuilder text = new StringBuilder();
    text.append(result.ok() ? ":white_check_mark: " : ":x: ").append("Qperf *").append(qualified(run)).append("* ")
        .append(result.ok() ? "completed" : "failed: " + result.firstError());
    if (run.serverNode() != null || run.clientNode() != null) {
      text.append(" (server ").append(orUnknown(run.serverNode())).append(", client ")
          .append(orUnknown(run.clientNode())).append(')');
    }
    int shown = Math.min(result.tests().size(), MAX_BLOCK_LINES);
    for (TestResult t : result.tests().subList(0, shown)) {
      text.append("\n• ").append(RunResults.headlineOf(t));
      if (!t.ok() && t.error() != null) {
        text.append(": ").append(t.error());
      }
    }
    if (shown < result.tests().size()) {
      text.append("\n• … ").append(result.tests().size() - shown).append(" more test blocks");
    }
    if (run.name() != null) {
      text.append("\nNext: `kubectl qperf ").append(result.ok() ? "results " : "describe ").append(run.name())
          .append(ns).append('`');
      if (!result.ok()) {
        text.append(", `kubectl qperf logs ").append(run.name()).append(ns).append('`');
      }
    }
    return text.toString();
  }

  private static String qualified(RunIdentity run) {
    return run.namespace() == null ? orUnknown(run.name()) : run.namespace() + "/" + run.name();
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }
}

package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.schedule.Trend;

/** The Slack message for a schedule whose trend became Regressed: an incoming webhook's JSON payload. Pure. */
public final class TrendMessage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrendMessage() {}

  /** e.g. {@code :chart_with_downwards_trend: QperfSchedule *bench/nightly* regressed: tcp_bw bw -40.0 % …}. */
  public static String payload(String namespace, String schedule, Trend trend, String channel) {
    String text = ":chart_with_downwards_trend: QperfSchedule *" + namespace + "/" + schedule + "* regressed: "
        + trend.message() + (trend.since() == null ? "" : " (since " + trend.since() + ")");
    ObjectNode payload = JSON.createObjectNode().put("text", text);
    if (channel != null) {
      payload.put("channel", channel);
    }
    payload.putArray("attachments").addObject().put("color", "danger").put("fallback", text)
        .put("text", "`kubectl qperf history " + schedule + " -n " + namespace + "`").putArray("mrkdwn_in").add("text");
    return payload.toString();
  }
}

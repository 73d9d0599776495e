package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Slack message of an ended matrix, pure: the verdict and pair count as the first line,
 * then the outliers and the commands that show the heatmap and the report.
 */
public final class MatrixSlackMessage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OUTLIERS = 10;

  private MatrixSlackMessage() {}

  public static String payload(QperfMatrix matrix, String channel) {
    String firstLine = firstLine(matrix);
    ObjectNode payload = JSON.createObjectNode().put("text", firstLine);
    if (channel != null) {
      payload.put("channel", channel);
    }
    QperfMatrixStatus s = status(matrix);
    String colour = s.getVerdict() == MatrixVerdict.Passed && s.getPhase() == QperfPhase.Completed ? "good"
        : s.getVerdict() == MatrixVerdict.Degraded ? "warning" : "danger";
    payload.putArray("attachments").addObject().put("color", colour).put("fallback", firstLine)
        .put("text", details(matrix)).putArray("mrkdwn_in").add("text");
    return payload.toString();
  }

  /** e.g. {@code :warning: QperfMatrix *bench/net* Degraded: 12 pair runs, 1 outlier pair}. */
  static String firstLine(QperfMatrix matrix) {
    QperfMatrixStatus s = status(matrix);
    String name = "QperfMatrix *" + matrix.getMetadata().getNamespace() + "/" + matrix.getMetadata().getName() + "*";
    if (s.getPhase() == QperfPhase.Failed) {
      return ":x: " + name + " failed (" + s.getReason() + "): " + s.getMessage();
    }
    MatrixVerdict verdict = s.getVerdict() == null ? MatrixVerdict.Passed : s.getVerdict();
    String icon = verdict == MatrixVerdict.Passed ? ":white_check_mark: " : verdict == MatrixVerdict.Degraded
        ? ":warning: " : ":x: ";
    MatrixProgress p = s.getProgress();
    int outliers = count(s.getOutlierPairs());
    return icon + name + " " + verdict + ": " + (p == null ? "" : p.total() + " pair runs"
        + (p.failed() == null ? "" : ", " + p.failed() + " failed") + ", ") + outliers + " outlier pair"
        + (outliers == 1 ? "" : "s") + ", " + count(s.getOutlierNodes()) + " outlier node"
        + (count(s.getOutlierNodes()) == 1 ? "" : "s");
  }

  static String details(QperfMatrix matrix) {
    QperfMatrixStatus s = status(matrix);
    List<String> lines = new ArrayList<>();
    List<Outlier> outliers = new ArrayList<>();
    if (s.getOutlierPairs() != null) {
      outliers.addAll(s.getOutlierPairs());
    }
    if (s.getOutlierNodes() != null) {
      outliers.addAll(s.getOutlierNodes());
    }
    outliers.stream().limit(MAX_OUTLIERS).forEach(o -> lines.add("• " + (o.node() != null ? "node " + o.node()
        + " as " + String.valueOf(o.role()).toLowerCase(Locale.ROOT) : o.src() + " → " + o.dst()) + ", "
        + o.scenario() + " " + String.valueOf(o.metric()).toLowerCase(Locale.ROOT) + " " + quantity(o, o.value())
        + " (cluster median " + quantity(o, o.clusterMedian()) + ")"));
    if (outliers.size() > MAX_OUTLIERS) {
      lines.add("• … " + (outliers.size() - MAX_OUTLIERS) + " more outliers");
    }
    String ns = " -n " + matrix.getMetadata().getNamespace();
    String name = matrix.getMetadata().getName();
    lines.add("Heatmap: `kubectl qperf matrix " + name + ns + "`");
    lines.add("Report: `kubectl qperf report " + name + ns + " -o html > " + name + ".html`");
    return String.join("\n", lines);
  }

  private static String quantity(Outlier o, double v) {
    if (o.metric() == Outlier.Metric.Bandwidth) {
      return v >= 1e9 ? String.format(Locale.ROOT, "%.3g GB/s", v / 1e9) : String.format(Locale.ROOT, "%.3g MB/s",
          v / 1e6);
    }
    return v >= 1e-3 ? String.format(Locale.ROOT, "%.3g ms", v * 1e3) : String.format(Locale.ROOT, "%.3g us", v * 1e6);
  }

  private static int count(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static QperfMatrixStatus status(QperfMatrix matrix) {
    return matrix.getStatus() == null ? new QperfMatrixStatus() : matrix.getStatus();
  }
}

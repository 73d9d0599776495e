package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A matrix as one self-contained HTML page: the headline, a heatmap per scenario and metric as
 * inline SVG (the terminal's grids and colours, {@link HeatGrid}), the outliers, every pair and the
 * run settings. Inline CSS only; a Content-Security-Policy forbids scripts and every fetch, so the
 * file shows the same offline, in a mail client or an artefact store. Every value from the cluster
 * is escaped. Pure: model in, text out.
 */
final class MatrixReport {

  private static final String CSS = """
      body{font:14px/1.4 sans-serif;margin:24px;color:#111;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 4px}
      table{border-collapse:collapse;margin:4px 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}
      th{background:#f0f0f0}td.num{text-align:right;font-family:monospace;white-space:nowrap}
      svg.heatmap{display:block;font:12px monospace}svg .axis{font-style:italic}
      .verdict-Passed{color:#0a0}.verdict-Degraded{color:#b60}.verdict-Failed{color:#c00}
      pre{background:#f6f6f6;padding:8px;border:1px solid #ddd}
      """;

  private MatrixReport() {}

  static String render(QperfMatrix matrix, List<PairResult> pairs) {
    QperfMatrixStatus s = matrix.getStatus() == null ? new QperfMatrixStatus() : matrix.getStatus();
    String name = matrix.getMetadata().getNamespace() + "/" + matrix.getMetadata().getName();
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>QperfMatrix ").append(Html.escape(name)).append("</title>\n<style>").append(CSS)
        .append("</style></head><body>\n<h1>QperfMatrix ").append(Html.escape(name)).append("</h1>\n");
    out.append("<p id=\"progress\">").append(Html.escape(MatrixView.progressLine(matrix))).append("</p>\n");
    if (s.getVerdict() != null) {
      out.append("<p id=\"verdict\">verdict: <strong class=\"verdict-").append(Html.escape(s.getVerdict())).append("\">")
          .append(Html.escape(s.getVerdict())).append("</strong></p>\n");
    }
    if (s.getMessage() != null) {
      out.append("<p>").append(Html.escape(s.getMessage())).append("</p>\n");
    }
    out.append("<p>started ").append(Html.escape(orDash(s.getStartTime()))).append(", ended ")
        .append(Html.escape(orDash(s.getCompletionTime()))).append("</p>\n");
    heatmaps(out, s, pairs);
    outliers(out, s);
    pairTable(out, pairs);
    settings(out, s);
    return out.append("</body></html>\n").toString();
  }

  private static void heatmaps(StringBuilder out, QperfMatrixStatus s, List<PairResult> pairs) {
    out.append("<h2>Heatmaps</h2>\n<p>Rows: client (src) node; columns: server (dst) node. Each grid is coloured over "
        + "its own range, worst red to best green; outliers are outlined.</p>\n");
    List<String> nodes = s.getNodes() != null ? s.getNodes().stream().map(MatrixNode::name).toList()
        : MatrixHeatmap.nodesOf(pairs);
    List<HeatGrid> grids = HeatGrid.of(nodes, pairs);
    if (grids.isEmpty()) {
      out.append("<p>No pair has a result yet.</p>\n");
    }
    for (HeatGrid grid : grids) {
      Set<String> outliers = new HashSet<>();
      for (Outlier o : s.getOutlierPairs() == null ? List.<Outlier>of() : s.getOutlierPairs()) {
        if (o.scenario() == grid.scenario() && o.metric().name().equalsIgnoreCase(grid.metric())) {
          outliers.add(o.src() + "\u0000" + o.dst());
        }
      }
      out.append("<h3>").append(Html.escape(grid.title())).append("</h3>\n").append(SvgHeatmap.render(grid, outliers));
    }
  }

  private static void outliers(StringBuilder out, QperfMatrixStatus s) {
    List<Outlier> pairs = s.getOutlierPairs() == null ? List.of() : s.getOutlierPairs();
    List<Outlier> nodes = s.getOutlierNodes() == null ? List.of() : s.getOutlierNodes();
    out.append("<h2>Outliers</h2>\n");
    if (pairs.isEmpty() && nodes.isEmpty()) {
      out.append("<p>None.</p>\n");
      return;
    }
    out.append("<table id=\"outliers\"><tr><th>client (src)</th><th>server (dst)</th><th>node</th><th>scenario</th>"
        + "<th>metric</th><th>value</th><th>cluster median</th></tr>\n");
    for (Outlier o : pairs) {
      outlierRow(out, o.src(), o.dst(), "", o);
    }
    for (Outlier o : nodes) {
      outlierRow(out, "", "", o.node() + " (" + o.role() + ")", o);
    }
    out.append("</table>\n");
  }

  private static void outlierRow(StringBuilder out, String src, String dst, String node, Outlier o) {
    row(out, List.of(src, dst, node, String.valueOf(o.scenario()), String.valueOf(o.metric())),
        List.of(quantity(o.metric() == Outlier.Metric.Bandwidth, o.value()),
            quantity(o.metric() == Outlier.Metric.Bandwidth, o.clusterMedian())));
  }

  private static void pairTable(StringBuilder out, List<PairResult> pairs) {
    out.append("<h2>Pairs</h2>\n<table id=\"pairs\"><tr><th>scenario</th><th>client (src)</th><th>server (dst)</th>"
        + "<th>phase</th><th>verdict</th><th>child</th><th>bandwidth</th><th>latency</th></tr>\n");
    for (PairResult p : pairs) {
      row(out, List.of(String.valueOf(p.scenario()), orDash(p.src()), orDash(p.dst()), orDash(p.phase()),
          orDash(p.verdict()), orDash(p.child())), List.of(p.bandwidth() == null ? "-" : quantity(true, p.bandwidth()),
          p.latency() == null ? "-" : quantity(false, p.latency())));
    }
    out.append("</table>\n");
  }

  private static void settings(StringBuilder out, QperfMatrixStatus s) {
    out.append("<h2>Run settings</h2>\n");
    if (s.getNodes() != null) {
      out.append("<table id=\"nodes\"><tr><th>node</th><th>zone</th></tr>\n");
      s.getNodes().forEach(n -> row(out, List.of(n.name(), orDash(n.zone())), List.of()));
      out.append("</table>\n");
    }
    out.append("<pre id=\"settings\">").append(Html.escape(s.getRunSpec() == null ? "not frozen yet (the matrix has "
        + "not started)" : Serialization.asYaml(s.getRunSpec()))).append("</pre>\n");
  }

  private static void row(StringBuilder out, List<String> text, List<String> numbers) {
    out.append("<tr>");
    text.forEach(t -> out.append("<td>").append(Html.escape(t)).append("</td>"));
    numbers.forEach(t -> out.append("<td class=\"num\">").append(Html.escape(t)).append("</td>"));
    out.append("</tr>\n");
  }

  /** Bandwidth in MB/s or GB/s, latency in us or ms: readable units, three significant digits. */
  static String quantity(boolean bandwidth, double v) {
    if (bandwidth) {
      return v >= 1e9 ? String.format(Locale.ROOT, "%.3g GB/s", v / 1e9) : String.format(Locale.ROOT, "%.3g MB/s", v / 1e6);
    }
    return v >= 1e-3 ? String.format(Locale.ROOT, "%.3g ms", v * 1e3) : String.format(Locale.ROOT, "%.3g us", v * 1e6);
  }

  private static String orDash(Object o) {
    return o == null ? "-" : String.valueOf(o);
  }
}

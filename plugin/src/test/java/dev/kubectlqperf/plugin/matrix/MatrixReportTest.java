package dev.kubectlqperf.plugin.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatrixReportTest {

  /** A name no node has, but annotations and labels can carry anything: it must stay text. */
  static final String HOSTILE = "n3\"><script>alert(1)</script><img src=x onerror=alert(2)>";
  static final String SLOW_SRC = "node-2";
  static final String SLOW_DST = HOSTILE;

  /** Three nodes, one of them with a hostile name; node-2 → HOSTILE is slow and the status's outlier. */
  static QperfMatrix sample() {
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("net<&>").build());
    QperfMatrixSpec spec = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), "-t 2"));
    m.setSpec(spec);
    m.setStatus(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setVerdict(MatrixVerdict.Degraded)
        .setRunSpec(spec).setNodes(List.of(new MatrixNode("node-1", "zone-a"), MatrixNode.of(SLOW_SRC),
            new MatrixNode(HOSTILE, "<b>zone</b>")))
        .setProgress(new MatrixProgress(6, 6, null, 0, 3)).setStartTime("2026-11-27T10:00:00Z")
        .setCompletionTime("2026-11-27T10:03:00Z")
        .setOutlierPairs(List.of(Outlier.pair(SLOW_SRC, SLOW_DST, Scenario.PodToPod, Outlier.Metric.Bandwidth,
            0.1e9, 1.2e9))));
    return m;
  }

  static List<PairResult> samplePairs() {
    List<String> nodes = List.of("node-1", SLOW_SRC, HOSTILE);
    List<PairResult> pairs = new java.util.ArrayList<>();
    for (String src : nodes) {
      for (String dst : nodes) {
        if (!src.equals(dst)) {
          boolean slow = src.equals(SLOW_SRC) && dst.equals(SLOW_DST);
          pairs.add(PairResult.completed(src, dst, Scenario.PodToPod, slow ? 0.1e9 : 1.2e9 + pairs.size() * 1e7,
              slow ? 95e-6 : 20e-6 + pairs.size() * 1e-6).withChild("net-" + pairs.size()));
        }
      }
    }
    return pairs;
  }

  @Test
  void aSelfContainedPageWithoutScriptsOrFetches() {
    String html = MatrixReport.render(sample(), samplePairs());

    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assertFalse(html.toLowerCase().contains("<script"), "no script element, escaped or not");
    assertFalse(html.contains("<img"));
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched");
  }

  @Test
  void everyValueFromTheClusterIsEscaped() {
    String html = MatrixReport.render(sample(), samplePairs());

    assertTrue(html.contains("n3&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assertTrue(html.contains("QperfMatrix bench/net&lt;&amp;&gt;"));
    assertTrue(html.contains("&lt;b&gt;zone&lt;/b&gt;"));
    assertFalse(html.contains("<b>zone"));
  }

  @Test
  void oneHeatmapPerScenarioAndMetricWithTheTerminalsColoursAndALegendWithUnits() {
    String html = MatrixReport.render(sample(), samplePairs());

    assertTrue(html.contains("<h3>PodToPod bandwidth (GB/s)</h3>"), html);
    assertTrue(html.contains("<h3>PodToPod latency (us)</h3>"), html);
    assertEquals(2, count(html, "<svg "));
    assertEquals(18, count(html, "<g class=\"cell"), "3×3 cells in each of the two grids, the diagonal included");
    assertTrue(html.contains("legend (GB/s):") && html.contains("legend (us):"));
    assertEquals("#ff0000", SvgHeatmap.rgb(196));
    assertEquals("#00ff00", SvgHeatmap.rgb(46));
    assertEquals("#ff8700", SvgHeatmap.rgb(208));
  }

  @Test
  void theOutlierPairIsOutlinedRedInItsGridAndListed() {
    String html = MatrixReport.render(sample(), samplePairs());

    Matcher outlier = Pattern.compile("<g class=\"cell outlier\" data-src=\"([^\"]*)\" data-dst=\"([^\"]*)\" "
        + "data-shade=\"(\\d)\">").matcher(html);
    assertTrue(outlier.find(), html);
    assertEquals(SLOW_SRC, outlier.group(1));
    assertEquals(Html.escape(SLOW_DST), outlier.group(2));
    assertEquals("0", outlier.group(3), "the worst shade");
    assertFalse(outlier.find(), "only in the bandwidth grid: the status names it for bandwidth only");
    assertTrue(html.contains("<td>node-2</td><td>" + Html.escape(HOSTILE) + "</td><td></td><td>PodToPod</td>"
        + "<td>Bandwidth</td><td class=\"num\">100 MB/s</td><td class=\"num\">1.20 GB/s</td>"), html);
  }

  @Test
  void pairsAndRunSettingsAreListed() {
    String html = MatrixReport.render(sample(), samplePairs());

    assertEquals(6 + 1, count(html.substring(html.indexOf("<table id=\"pairs\">")), "<tr>") - 3 - 1,
        "a header and six pairs (then the node table's header and three rows)");
    assertTrue(html.contains("<pre id=\"settings\">"), html);
    assertTrue(html.contains("- &quot;tcp_bw&quot;") || html.contains("- tcp_bw"), html);
    assertTrue(html.contains("<td>node-1</td><td>zone-a</td>"));
  }

  @Test
  void aMatrixWithoutResultsYetSaysSo() {
    QperfMatrix m = sample();
    m.setStatus(null);

    String html = MatrixReport.render(m, List.of());

    assertTrue(html.contains("No pair has a result yet."));
    assertTrue(html.contains("not frozen yet"));
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}

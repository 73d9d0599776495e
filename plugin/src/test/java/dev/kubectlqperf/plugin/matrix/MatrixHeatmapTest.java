package dev.kubectlqperf.plugin.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixHeatmapTest {

  private static final List<String> NODES = List.of("node-1", "node-2", "node-3");

  private static PairResult bw(String src, String dst, double bytesPerSecond) {
    return PairResult.completed(src, dst, Scenario.PodToPod, bytesPerSecond, null);
  }

  private static final List<PairResult> PAIRS = List.of(
      bw("node-1", "node-2", 1.20e9), bw("node-1", "node-3", 1.10e9),
      bw("node-2", "node-1", 1.15e9), bw("node-2", "node-3", 0.10e9),
      bw("node-3", "node-1", 1.25e9),
      new PairResult("node-3", "node-2", Scenario.PodToPod, null, null, "c", QperfPhase.Failed, null));

  @Test
  void plainGridHasClientRowsServerColumnsOneUnitAndNoEscapes() {
    String text = MatrixHeatmap.render(NODES, PAIRS, false);

    assertEquals("""
        PodToPod bandwidth (GB/s), rows: client (src), columns: server (dst)
        client\\server  node-1  node-2  node-3
        node-1         -       1.20    1.10 \s
        node-2         1.15    -       0.10 \s
        node-3         1.25    FAIL    -    \s

        """, text);
    assertFalse(text.contains("\u001b"));
  }

  @Test
  void colourMarksTheSlowPairRedTheFastestGreenAndPrintsALegendWithItsUnit() {
    String text = MatrixHeatmap.render(NODES, PAIRS, true);

    assertTrue(text.contains("\u001b[30;48;5;196m0.10  \u001b[0m"), text);
    assertTrue(text.contains("\u001b[30;48;5;46m1.25  \u001b[0m"), text);
    assertTrue(text.contains("\u001b[30;48;5;196mFAIL  \u001b[0m"), text);
    assertTrue(text.contains("legend (GB/s):"), text);
    assertTrue(text.contains(" 0.10–0.33"), text);
  }

  @Test
  void lowLatencyIsGoodAndGetsItsOwnGridInMicroseconds() {
    List<PairResult> pairs = List.of(PairResult.completed("a", "b", Scenario.ClusterIP, null, 20e-6),
        PairResult.completed("b", "a", Scenario.ClusterIP, null, 80e-6));

    String text = MatrixHeatmap.render(List.of("a", "b"), pairs, true);

    assertTrue(text.startsWith("ClusterIP latency (us)"), text);
    assertFalse(text.contains("bandwidth"), text);
    assertTrue(text.contains("\u001b[30;48;5;46m20.0\u001b[0m"), text);
    assertTrue(text.contains("\u001b[30;48;5;196m80.0\u001b[0m"), text);
  }

  @Test
  void bucketsRunFromWorstToBestOverTheRange() {
    assertEquals(0, HeatGrid.bucket(0, 0, 10, true));
    assertEquals(4, HeatGrid.bucket(10, 0, 10, true));
    assertEquals(4, HeatGrid.bucket(0, 0, 10, false));
    assertEquals(2, HeatGrid.bucket(5, 0, 10, true));
    assertEquals(4, HeatGrid.bucket(3, 3, 3, true));
  }
}

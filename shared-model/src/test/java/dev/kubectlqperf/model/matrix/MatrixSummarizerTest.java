package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class MatrixSummarizerTest {

  private static final double GB = 1e9;
  private static final double US = 1e-6;
  private static final QperfMatrixSpec SPEC = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null));

  /** Every ordered pair of n nodes, PodToPod, with the values the function gives. */
  private static List<PairResult> matrix(int n, BiFunction<Integer, Integer, double[]> values) {
    List<PairResult> results = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      for (int d = 0; d < n; d++) {
        if (s != d) {
          double[] v = values.apply(s, d);
          results.add(PairResult.completed("n" + s, "n" + d, Scenario.PodToPod, v[0], v[1]));
        }
      }
    }
    return results;
  }

  @Test
  void aPairMadeSlowOnPurposeIsTheOnlyOutlier() {
    List<PairResult> results = matrix(5, (s, d) -> s == 1 && d == 3 ? new double[] {0.3 * GB, 50 * US}
        : new double[] {(1 + 0.01 * s) * GB, (50 + d) * US});
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    assertEquals(List.of(Outlier.pair("n1", "n3", Scenario.PodToPod, Outlier.Metric.Bandwidth, 0.3 * GB,
        summary.medians().get(0).bandwidth())), summary.outlierPairs());
    assertEquals(List.of(), summary.outlierNodes(), "one slow pair does not make its nodes slow");
    assertEquals(MatrixVerdict.Degraded, summary.verdict());
    assertEquals("n1", summary.pairs().get(0).src(), "outliers come first in the pair list");
    assertEquals("n3", summary.pairs().get(0).dst());
    assertEquals(20, summary.pairs().size());
    assertFalse(summary.pairsTruncated());
  }

  @Test
  void aNodeWhosePairsAreAllSlowIsTheOutlierNodeAsClientAndServer() {
    List<PairResult> results = matrix(6, (s, d) -> s == 4 || d == 4 ? new double[] {0.2 * GB, 400 * US}
        : new double[] {GB, 50 * US});
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    ScenarioMedians cluster = summary.medians().get(0);
    assertEquals(new ScenarioMedians(Scenario.PodToPod, 30, GB, 50 * US), cluster);
    assertTrue(summary.outlierNodes().stream().allMatch(o -> o.node().equals("n4")), summary.outlierNodes().toString());
    assertEquals(4, summary.outlierNodes().size(), "bandwidth and latency, as client and as server");
    assertTrue(summary.outlierNodes().contains(Outlier.node("n4", Outlier.Role.Client, Scenario.PodToPod,
        Outlier.Metric.Bandwidth, 0.2 * GB, GB)));
    assertTrue(summary.outlierNodes().contains(Outlier.node("n4", Outlier.Role.Server, Scenario.PodToPod,
        Outlier.Metric.Latency, 400 * US, 50 * US)));
    NodeMedians n4 = summary.nodeMedians().get(0);
    assertEquals("n4", n4.node(), "outlier nodes come first");
    assertEquals(new NodeMedians("n4", Scenario.PodToPod, 0.2 * GB, 0.2 * GB, 400 * US, 400 * US), n4);
    assertEquals(new NodeMedians("n0", Scenario.PodToPod, GB, GB, 50 * US, 50 * US), summary.nodeMedians().get(1));
  }

  @Test
  void rowAndColumnMediansAreTheClientsAndTheServersSide() {
    // Bandwidth depends on the client only: n2's row is fast, its column is like everyone's.
    List<PairResult> results = matrix(3, (s, d) -> new double[] {s == 2 ? 3 * GB : GB, 50 * US});
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    NodeMedians n2 = summary.nodeMedians().stream().filter(m -> m.node().equals("n2")).findFirst().orElseThrow();
    assertEquals(3 * GB, n2.bandwidthAsClient());
    assertEquals(GB, n2.bandwidthAsServer());
    NodeMedians n0 = summary.nodeMedians().stream().filter(m -> m.node().equals("n0")).findFirst().orElseThrow();
    assertEquals(2 * GB, n0.bandwidthAsServer(), "the median of an even count is the mean of the middle two");
  }

  @Test
  void theOutlierFractionIsConfigurable() {
    List<PairResult> results = matrix(4, (s, d) -> new double[] {s == 0 && d == 1 ? 0.7 * GB : GB, 50 * US});
    assertEquals(MatrixVerdict.Passed, MatrixSummarizer.summarize(results, SPEC).verdict());
    QperfMatrixSpec strict = new QperfMatrixSpec(null, null, null, null, null, null, null, null, SPEC.template(), null, 0.8);
    assertEquals(1, MatrixSummarizer.summarize(results, strict).outlierPairs().size());
  }

  @Test
  void aFailedPairOrAMissedThresholdFailsTheMatrixAndIsListedFirst() {
    List<PairResult> results = new ArrayList<>(matrix(3, (s, d) -> new double[] {GB, 50 * US}));
    results.set(4, new PairResult("n2", "n0", Scenario.PodToPod, null, null, "m-pp-n2-n0", QperfPhase.Failed, null));
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    assertEquals(MatrixVerdict.Failed, summary.verdict());
    assertEquals("n2", summary.pairs().get(0).src());

    QperfSpec gated = new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, null, null, null,
        List.of("tcp_bw bw at least 2 GB/sec"));
    List<PairResult> judged = matrix(3, (s, d) -> new double[] {GB, 50 * US}).stream()
        .map(r -> r.withVerdict(r.src().equals("n1") ? Verdict.Outcome.Failed : Verdict.Outcome.Passed)).toList();
    assertEquals(MatrixVerdict.Failed, MatrixSummarizer.summarize(judged, QperfMatrixSpec.allPairs(gated)).verdict());
    assertEquals(MatrixVerdict.Passed, MatrixSummarizer.summarize(judged, SPEC).verdict(),
        "a child verdict counts only when the template has thresholds");
    assertNull(MatrixSummarizer.summarize(List.of(), SPEC).verdict());
  }

  @Test
  void theDiagonalIsListedButNeitherMedianNorOutlier() {
    List<PairResult> results = new ArrayList<>(matrix(3, (s, d) -> new double[] {GB, 50 * US}));
    results.add(PairResult.completed("n0", "n0", Scenario.PodToPod, 20 * GB, 5 * US));
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    assertEquals(GB, summary.medians().get(0).bandwidth());
    assertEquals(6, summary.medians().get(0).pairs());
    assertEquals(7, summary.pairs().size());
    assertEquals(MatrixVerdict.Passed, summary.verdict());
  }

  @Test
  void scenariosAreJudgedAgainstTheirOwnMedian() {
    List<PairResult> results = new ArrayList<>(matrix(3, (s, d) -> new double[] {GB, 50 * US}));
    matrix(3, (s, d) -> new double[] {0.1 * GB, 500 * US}).forEach(r -> results.add(
        PairResult.completed(r.src(), r.dst(), Scenario.ClusterIP, r.bandwidth(), r.latency())));
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    assertEquals(List.of(Scenario.PodToPod, Scenario.ClusterIP), summary.medians().stream().map(ScenarioMedians::scenario).toList());
    assertEquals(List.of(), summary.outlierPairs(), "a slower path is not an outlier of itself");
    assertEquals(6, summary.nodeMedians().size(), "per node and scenario");
  }

  @Test
  void theStatusStaysBoundedForHundredsOfNodesWithOutliersFirst() {
    List<PairResult> results = matrix(300, (s, d) -> new double[] {s == 7 ? 0.1 * GB : GB, 50 * US});
    MatrixSummary summary = MatrixSummarizer.summarize(results, SPEC);
    assertEquals(MatrixSummarizer.MAX_PAIRS, summary.pairs().size());
    assertTrue(summary.pairsTruncated());
    assertEquals(MatrixSummarizer.MAX_PAIRS, summary.outlierPairs().size());
    assertTrue(summary.pairs().stream().allMatch(p -> p.src().equals("n7")), "the kept pairs are the outliers");
    assertEquals(300, summary.nodeMedians().size());
    assertFalse(summary.nodeMediansTruncated());
    assertEquals("n7", summary.nodeMedians().get(0).node());
    QperfMatrixStatus status = summary.applyTo(new QperfMatrixStatus());
    assertEquals(Boolean.TRUE, status.getPairsTruncated());
    assertNull(status.getNodeMediansTruncated());
    assertEquals(MatrixVerdict.Degraded, status.getVerdict());
  }
}

package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairResultsTest {

  private static final String LONG_NODE = "ip-10-0-1-23." + "compute-subdomain.".repeat(12) + "internal";

  private static Qperf child(QperfStatus status) {
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withName("net").withNamespace("bench").withUid("u1").build());
    Qperf child = MatrixChildren.child(matrix, QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null), Scenario.ClusterIP,
        new NodePair(MatrixNode.of(LONG_NODE), MatrixNode.of("w2")));
    child.setStatus(status);
    return child;
  }

  private static TestSummary summary(String test, String metric, double value, String unit) {
    return new TestSummary(test, true, null, Map.of(metric, new TestSummary.Headline(BigDecimal.valueOf(value), unit, "")));
  }

  @Test
  void theHeadlinesOfACompletedChildWithTheFullNodeNames() {
    QperfStatus status = new QperfStatus().setPhase(QperfPhase.Completed).setVerdict(Verdict.Outcome.Passed)
        .setResults(List.of(summary("tcp_bw", "bw", 1.2e9, "B/s"), summary("tcp_lat", "latency", 5.1e-5, "s")));
    PairResult result = PairResults.fromChild(child(status));
    assertEquals(LONG_NODE, result.src(), "from the annotation, not the shortened label");
    assertEquals("w2", result.dst());
    assertEquals(Scenario.ClusterIP, result.scenario());
    assertEquals(1.2e9, result.bandwidth());
    assertEquals(5.1e-5, result.latency());
    assertEquals(QperfPhase.Completed, result.phase());
    assertEquals(Verdict.Outcome.Passed, result.verdict());
    assertEquals(child(status).getMetadata().getName(), result.child());
  }

  @Test
  void repetitionsCountByTheirMedian() {
    MetricStatistics bw = new MetricStatistics("tcp_bw", null, null, "bw", "B/s", 3, 1e9, null, null, 0.5e9, 0.9e9,
        1.1e9, 1.2e9, 1.2e9, null, null);
    QperfStatus status = new QperfStatus().setPhase(QperfPhase.Completed).setStatistics(List.of(bw))
        .setResults(List.of(summary("tcp_bw", "bw", 2e9, "B/s")));
    assertEquals(0.9e9, PairResults.fromChild(child(status)).bandwidth());
  }

  @Test
  void aFailedOrUnstartedChildHasNoValues() {
    PairResult failed = PairResults.fromChild(child(new QperfStatus().setPhase(QperfPhase.Failed)));
    assertEquals(QperfPhase.Failed, failed.phase());
    assertNull(failed.bandwidth());
    assertNull(PairResults.fromChild(child(null)).phase());
  }
}

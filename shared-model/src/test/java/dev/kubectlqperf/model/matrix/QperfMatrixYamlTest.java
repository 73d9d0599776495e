package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample manifest maps completely onto the model, and the defaults are what the docs say. */
class QperfMatrixYamlTest {

  private static QperfMatrix sample() throws IOException {
    try (InputStream in = QperfMatrixYamlTest.class.getResourceAsStream("/samples/qperfmatrix.yaml")) {
      return Fixtures.STRICT_YAML.readValue(in, QperfMatrix.class);
    }
  }

  @Test
  void theSampleReadsStrictly() throws IOException {
    QperfMatrix matrix = sample();
    QperfMatrixSpec spec = matrix.getSpec();
    assertEquals("QperfMatrix", HasMetadata.getKind(QperfMatrix.class));
    assertEquals("qperfmatrices.perf.kubestone.xridge.io", QperfMatrix.CRD_NAME);
    assertEquals(List.of(Scenario.PodToPod, Scenario.ClusterIP, Scenario.HostNetworkBoth), spec.effectiveScenarios());
    assertEquals(4, spec.effectiveConcurrency());
    assertEquals("In", spec.matchExpressions().get(0).getOperator());
    assertEquals(List.of("tcp_bw", "tcp_lat"), spec.template().tests());
    assertEquals(3, spec.template().effectiveRepetitions());
  }

  @Test
  void defaultsFillWhatIsMissing() {
    QperfMatrixSpec bare = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null));
    QperfMatrixSpec frozen = bare.withDefaults("registry.local/qperf:1", 60);
    assertEquals(PairMode.All, frozen.pairs());
    assertEquals(Boolean.FALSE, frozen.includeSameNode());
    assertNull(frozen.samplesPerNode(), "only the sample mode has a sample size");
    assertEquals(List.of(Scenario.PodToPod), frozen.scenarios());
    assertEquals(QperfMatrixSpec.DEFAULT_OUTLIER_FRACTION, frozen.outlierFraction());
    assertNull(frozen.concurrency(), "unset: as many pairs as the nodes allow");
    assertEquals(Integer.MAX_VALUE, frozen.effectiveConcurrency());
    assertEquals("registry.local/qperf:1", frozen.template().imageName());
    assertEquals(60, frozen.template().effectiveTimeoutSeconds());
    assertEquals(QperfMatrixSpec.DEFAULT_SAMPLES_PER_NODE,
        bare.withPairs(PairMode.Sample, null, null).withDefaults(QperfDefaults.IMAGE, 1).samplesPerNode());
    assertEquals(List.of(Scenario.ClusterIP), bare.withScenarios(List.of(Scenario.ClusterIP, Scenario.ClusterIP))
        .effectiveScenarios());
  }

  @Test
  void theRunKeepsTheSpecItStartedWithAndTheStatusCopiesApart() throws IOException {
    QperfMatrix matrix = sample();
    assertEquals(matrix.getSpec(), matrix.runSpec());
    QperfMatrixSpec started = matrix.getSpec().withDefaults(QperfDefaults.IMAGE, 600);
    QperfMatrixStatus status = new QperfMatrixStatus().setRunSpec(started).setPhase(QperfPhase.Running)
        .setProgress(new MatrixProgress(3, 10, null, 2, 5));
    matrix.setStatus(status);
    matrix.setSpec(matrix.getSpec().withConcurrency(1));
    assertEquals(started, matrix.runSpec());
    QperfMatrixStatus copy = status.copy();
    assertEquals(status, copy);
    copy.setPairs(List.of(PairResult.completed("a", "b", Scenario.PodToPod, 1.0, 2.0)));
    assertFalse(status.equals(copy));
  }

  @Test
  void aSummedUpStatusSurvivesJsonAndStaysSmallForAThousandNodes() throws IOException {
    // Each node against its next 7; every fourth node is slow, so 2 × 250 nodes are outliers 4 ways each.
    List<PairResult> results = new java.util.ArrayList<>();
    for (Scenario scenario : List.of(Scenario.PodToPod, Scenario.ClusterIP)) {
      for (int s = 0; s < 1000; s++) {
        for (int step = 1; step <= 7; step++) {
          int d = (s + step) % 1000;
          boolean slow = s % 4 == 0 || d % 4 == 0;
          results.add(PairResult.completed(String.format("ip-10-0-%d-%d.eu-west-1.compute.internal", s / 250, s % 250),
              String.format("ip-10-0-%d-%d.eu-west-1.compute.internal", d / 250, d % 250), scenario,
              slow ? 1e8 : 1e9, slow ? 4e-4 : 5e-5).withChild("net-pp-" + s + "-" + d));
        }
      }
    }
    QperfMatrixSpec spec = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null)).withDefaults("img", 1);
    QperfMatrixStatus status = MatrixSummarizer.summarize(results, spec).applyTo(new QperfMatrixStatus())
        .setPhase(QperfPhase.Completed).setRunSpec(spec).setProgress(new MatrixProgress(14000, 14000, null, 14, 14))
        .setNodes(PlanChecks.nodes(1000));
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(status);
    assertEquals(status, mapper.readValue(json, QperfMatrixStatus.class));
    org.junit.jupiter.api.Assertions.assertTrue(json.length() < 700_000, "status of " + json.length() + " characters");
    assertEquals(Boolean.TRUE, status.getNodeMediansTruncated(), "2000 node medians and 2000 node outliers are cut");
    assertEquals(MatrixSummarizer.MAX_NODE_MEDIANS, status.getOutlierNodes().size());
    assertEquals(MatrixVerdict.Degraded, status.getVerdict());
    assertFalse(json.contains("\"failed\"") || json.contains("\"sameNode\""), "derived properties stay out");
  }
}

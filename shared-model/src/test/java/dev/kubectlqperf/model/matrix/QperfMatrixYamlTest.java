package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}

package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixSlackMessageTest {

  private static QperfMatrix matrix(QperfMatrixStatus status) {
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("net").build());
    m.setStatus(status);
    return m;
  }

  @Test
  void verdictCountsOutliersAndTheCommandsToLookFurther() {
    QperfMatrix m = matrix(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setVerdict(MatrixVerdict.Failed)
        .setProgress(new MatrixProgress(12, 12, 1, 0, 6))
        .setOutlierPairs(List.of(Outlier.pair("a", "b", Scenario.PodToPod, Outlier.Metric.Latency, 2e-3, 20e-6)))
        .setOutlierNodes(List.of(Outlier.node("a", Outlier.Role.Client, Scenario.PodToPod, Outlier.Metric.Bandwidth,
            1e8, 1e9))));

    assertEquals(":x: QperfMatrix *bench/net* Failed: 12 pair runs, 1 failed, 1 outlier pair, 1 outlier node",
        MatrixSlackMessage.firstLine(m));
    assertEquals("• a → b, PodToPod latency 2.00 ms (cluster median 20.0 us)\n"
        + "• node a as client, PodToPod bandwidth 100 MB/s (cluster median 1.00 GB/s)\n"
        + "Heatmap: `kubectl qperf matrix net -n bench`\n"
        + "Report: `kubectl qperf report net -n bench -o html > net.html`", MatrixSlackMessage.details(m));
    assertTrue(MatrixSlackMessage.payload(m, "#net").contains("\"channel\":\"#net\""));
    assertTrue(MatrixSlackMessage.payload(m, null).contains("\"color\":\"danger\""));
  }

  @Test
  void aMatrixThatCouldNotRunSaysWhy() {
    QperfMatrix m = matrix(new QperfMatrixStatus().setPhase(QperfPhase.Failed).setReason("NoNodes")
        .setMessage("no node matches"));

    assertEquals(":x: QperfMatrix *bench/net* failed (NoNodes): no node matches", MatrixSlackMessage.firstLine(m));
  }
}

package dev.kubectlqperf.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.result.RunIdentity;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdentitiesTest {

  @Test
  void aMatrixChildNamesItsMatrixScenarioFullNodeNamesAndZones() {
    QperfMatrix matrix = new QperfMatrix();
    String longNode = "ip-10-0-0-1.eu-west-1.compute.internal." + "x".repeat(40);
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("net").withUid("u").build());
    matrix.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null)));
    Qperf child = MatrixChildren.child(matrix, matrix.getSpec().template(), Scenario.ClusterIP,
        new NodePair(new MatrixNode(longNode, "eu-west-1a"), MatrixNode.of("node-b")));

    RunIdentity.MatrixMember member = RunIdentities.of(child, null, null, null).matrix();

    assertEquals(new RunIdentity.MatrixMember("net", "ClusterIP", longNode, "node-b", "eu-west-1a", null), member,
        "the node's full name (from the annotation), not its shortened label");
  }

  @Test
  void aRunOfItsOwnIsNoMatrixMember() {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("solo").build());
    q.setSpec(QperfSpec.of(List.of("tcp_bw"), null));

    assertNull(RunIdentities.of(q, null, null, null).matrix());
  }
}

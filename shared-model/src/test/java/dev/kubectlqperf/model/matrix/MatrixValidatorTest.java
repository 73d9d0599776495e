package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixValidatorTest {

  private static QperfMatrix matrix(QperfMatrixSpec spec) {
    QperfMatrix matrix = new QperfMatrix();
    matrix.setSpec(spec);
    return matrix;
  }

  @Test
  void aPlainMatrixIsValid() {
    assertTrue(MatrixValidator.validate(matrix(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), "-t 2"))))
        .isValid());
  }

  @Test
  void theTemplateIsCheckedLikeAChildAndNamedAsTheTemplate() {
    List<String> errors = MatrixValidator.validate(matrix(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bww"), null))))
        .errors();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("spec.template.tests[0]: unknown qperf test 'tcp_bww'"), errors.get(0));
    assertEquals(List.of("spec.template: required, with at least spec.template.tests"),
        MatrixValidator.validate(matrix(null)).errors());
  }

  @Test
  void itsOwnFieldsAreChecked() {
    QperfMatrixSpec spec = new QperfMatrixSpec(null, List.of(new NodeSelectorRequirement("zone", "Near", null)), null, 0,
        PairMode.Sample, null, 0, null, QperfSpec.of(List.of("tcp_lat"), null), 0, 1.5);
    List<String> errors = MatrixValidator.validate(matrix(spec)).errors();
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.contains("spec.concurrency: must be at least 1"));
  }

  @Test
  void noPairIsExplained() {
    QperfMatrixSpec spec = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null));
    assertTrue(MatrixValidator.noPairs(MatrixPlanner.plan(List.of(), spec)).startsWith("no node matches"));
    assertTrue(MatrixValidator.noPairs(MatrixPlanner.plan(List.of(MatrixNode.of("w1")), spec)).contains("includeSameNode"));
    assertNull(MatrixValidator.noPairs(MatrixPlanner.plan(List.of(MatrixNode.of("w1"), MatrixNode.of("w2")), spec)));
  }
}

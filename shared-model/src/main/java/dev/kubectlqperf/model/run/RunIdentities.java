package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.result.RunIdentity;
import java.util.Map;

/** The identity a result document gets from the run it belongs to. Pure. */
public final class RunIdentities {

  private RunIdentities() {}

  /** The identity of a run of {@code qperf}, ended at {@code endTime} on {@code clientNode}. */
  public static RunIdentity of(Qperf qperf, String endTime, String clientNode, String qperfVersion) {
    var status = qperf.getStatus();
    QperfSpec spec = qperf.getSpec();
    return new RunIdentity(qperf.getMetadata().getNamespace(), qperf.getMetadata().getName(),
        qperf.getMetadata().getUid(), status == null ? null : status.getStartTime(), endTime,
        status == null ? null : status.getServerNode(), clientNode, qperfVersion, 1,
        spec == null ? null : spec.effectiveServiceType().name(),
        spec == null ? null : spec.server().usesHostNetwork(),
        spec == null ? null : spec.client().usesHostNetwork(), matrixMember(qperf), ipFamily(qperf));
  }

  /** The family the server's Service got (recorded in the status), else the one the spec asked for. */
  static String ipFamily(Qperf qperf) {
    var status = qperf.getStatus();
    if (status != null && status.getIpFamily() != null) {
      return status.getIpFamily().name();
    }
    return qperf.getSpec() == null || qperf.getSpec().ipFamily() == null ? null : qperf.getSpec().ipFamily().name();
  }

  /** The matrix pair of a matrix's child (it has the matrix label), else null. */
  static RunIdentity.MatrixMember matrixMember(Qperf qperf) {
    Map<String, String> labels = orEmpty(qperf.getMetadata().getLabels());
    String matrix = labels.get(QperfResources.LABEL_MATRIX);
    if (matrix == null) {
      return null;
    }
    String owner = qperf.getMetadata().getOwnerReferences() == null ? null : qperf.getMetadata().getOwnerReferences()
        .stream().filter(r -> QperfMatrix.KIND.equals(r.getKind())).map(r -> r.getName()).findFirst()
        .orElse(null);
    Map<String, String> annotations = orEmpty(qperf.getMetadata().getAnnotations());
    return new RunIdentity.MatrixMember(owner != null ? owner : matrix, labels.get(QperfResources.LABEL_SCENARIO),
        annotations.getOrDefault(QperfResources.ANNOTATION_SRC_NODE, labels.get(QperfResources.LABEL_SRC_NODE)),
        annotations.getOrDefault(QperfResources.ANNOTATION_DST_NODE, labels.get(QperfResources.LABEL_DST_NODE)),
        labels.get(QperfResources.LABEL_SRC_ZONE), labels.get(QperfResources.LABEL_DST_ZONE));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}

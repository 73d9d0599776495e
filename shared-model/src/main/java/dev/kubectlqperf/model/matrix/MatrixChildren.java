package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.PodScheduling;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfConfiguration;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child Qperf a matrix runs for one scenario and pair: its name, labels, owner reference and
 * spec (the template placed on the pair's nodes, with the scenario's service type and host
 * network). Pure; names and label keys come from {@link QperfResources}.
 */
public final class MatrixChildren {

  private MatrixChildren() {}

  /** Unique per matrix, scenario and pair; at most 63 characters, a DNS-1035 label. */
  public static String childName(QperfMatrix matrix, Scenario scenario, NodePair pair) {
    return QperfResources.matrixChildName(matrix.getMetadata().getName(), scenario.code(), pair.src().name(),
        pair.dst().name());
  }

  /** Matrix, scenario, nodes and zones, and the matrix's uid when it has one (a re-created matrix is another run). */
  public static Map<String, String> childLabels(QperfMatrix matrix, Scenario scenario, NodePair pair) {
    Map<String, String> labels = new LinkedHashMap<>(QperfResources.matrixChildLabels(matrix.getMetadata().getName(),
        scenario.name(), pair.src().name(), pair.src().zone(), pair.dst().name(), pair.dst().zone()));
    String uid = matrix.getMetadata().getUid();
    if (uid != null && !uid.isBlank()) {
      labels.put(QperfResources.LABEL_MATRIX_UID, uid);
    }
    return labels;
  }

  /** The full node names, which the labels may have had to shorten. */
  public static Map<String, String> childAnnotations(NodePair pair) {
    return Map.of(QperfResources.ANNOTATION_SRC_NODE, pair.src().name(), QperfResources.ANNOTATION_DST_NODE,
        pair.dst().name());
  }

  /** The controller reference to the matrix: deleting it deletes its children. Empty without a uid. */
  public static List<OwnerReference> ownerReferences(QperfMatrix matrix) {
    String uid = matrix.getMetadata().getUid();
    if (uid == null || uid.isBlank()) {
      return List.of();
    }
    return List.of(new OwnerReferenceBuilder()
        .withApiVersion(QperfMatrix.API_VERSION)
        .withKind(QperfMatrix.KIND)
        .withName(matrix.getMetadata().getName())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build());
  }

  /**
   * The template placed on the pair: the server on {@code dst}, the client on {@code src} (by
   * node name, so the scheduler cannot move them; the template's node selector and affinity are
   * dropped since the kubelet would refuse a pod that does not match them, its tolerations kept),
   * host network as the scenario says, a ClusterIP Service for {@link Scenario#ClusterIP} and a
   * headless one otherwise.
   */
  public static QperfSpec childSpec(QperfSpec template, Scenario scenario, NodePair pair) {
    QperfConfiguration server = placed(template.server(), pair.dst().name(), scenario.hostNetworkServer());
    QperfConfiguration client = placed(template.client(), pair.src().name(), scenario.hostNetworkClient());
    ServiceType serviceType = scenario == Scenario.ClusterIP ? ServiceType.ClusterIP : ServiceType.Headless;
    return new QperfSpec(template.image(), template.options(), template.tests(), server, client,
        template.timeoutSeconds(), serviceType, template.dataPort(), template.repetitions(), template.sinks(),
        template.thresholds(), template.parallel(), template.ipFamily());
  }

  /** The whole child, ready to create: metadata (name, namespace, labels, annotations, owner) and spec. */
  public static Qperf child(QperfMatrix matrix, QperfSpec template, Scenario scenario, NodePair pair) {
    Qperf child = new Qperf();
    child.setMetadata(new ObjectMetaBuilder()
        .withName(childName(matrix, scenario, pair))
        .withNamespace(matrix.getMetadata().getNamespace())
        .withLabels(childLabels(matrix, scenario, pair))
        .withAnnotations(childAnnotations(pair))
        .withOwnerReferences(ownerReferences(matrix))
        .build());
    child.setSpec(childSpec(template, scenario, pair));
    return child;
  }

  private static QperfConfiguration placed(QperfConfiguration side, String node, boolean hostNetwork) {
    PodScheduling scheduling = new PodScheduling(null, side.scheduling().tolerations(), null, node);
    return new QperfConfiguration(side.annotations(), side.podLabels(), scheduling, side.resources(),
        hostNetwork ? Boolean.TRUE : null);
  }
}

package dev.kubectlqperf.pipeline.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;

/** Every call the matrix reconciler makes to the API server, and nothing else. */
public class MatrixCluster {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesClient client;

  public MatrixCluster(KubernetesClient client) {
    this.client = client;
  }

  public QperfMatrix matrix(String namespace, String name) {
    return client.resources(QperfMatrix.class).inNamespace(namespace).withName(name).get();
  }

  /** The cluster's nodes; throws a 403 {@link KubernetesClientException} when this service account may not list them. */
  public List<Node> nodes() {
    return client.nodes().list().getItems();
  }

  /** The children of this matrix run: labelled for it and owned by its uid (not a re-created matrix's). */
  public List<Qperf> children(QperfMatrix matrix) {
    String uid = matrix.getMetadata().getUid();
    return client.resources(Qperf.class).inNamespace(matrix.getMetadata().getNamespace())
        .withLabels(QperfResources.matrixChildSelector(matrix.getMetadata().getName())).list().getItems().stream()
        .filter(child -> child.getMetadata().getOwnerReferences() != null
            && child.getMetadata().getOwnerReferences().stream().anyMatch(ref -> ref.getUid().equals(uid)))
        .toList();
  }

  /** Creates the child; false when one of that name exists already (a restart, or an earlier pass). */
  public boolean createIfAbsent(Qperf child) {
    try {
      client.resource(child).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Replaces the whole status of the matrix with uid {@code uid}: a JSON patch to the status
   * subresource whose first operation tests the uid, so it never lands on a re-created matrix.
   */
  public void replaceStatus(String namespace, String name, String uid, QperfMatrixStatus status) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", uid);
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", QperfCluster.withoutEmptyStrings(JSON.valueToTree(status)));
    client.resources(QperfMatrix.class).inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch.toString());
  }
}

package dev.kubectlqperf.pipeline.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/** Every call the pipeline makes to the API server, and nothing else. */
public class QperfCluster {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesClient client;

  public QperfCluster(KubernetesClient client) {
    this.client = client;
  }

  public Qperf qperf(String namespace, String name) {
    return client.resources(Qperf.class).inNamespace(namespace).withName(name).get();
  }

  public Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  public Service service(String namespace, String name) {
    return client.services().inNamespace(namespace).withName(name).get();
  }

  public Endpoints endpoints(String namespace, String name) {
    return client.endpoints().inNamespace(namespace).withName(name).get();
  }

  public Pod pod(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  public List<Pod> pods(String namespace, Map<String, String> labels) {
    return client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
  }

  /** The client pods of every repetition of this run (none of an earlier run of the same name). */
  public List<Pod> clientPods(Qperf qperf) {
    return pods(qperf.getMetadata().getNamespace(), QperfResources.clientSelector(qperf));
  }

  /** Creates the object; true when this call created it, false when it already existed. */
  public boolean createIfAbsent(HasMetadata object) {
    try {
      client.resource(object).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes the object if present; true when something was deleted. */
  public boolean deleteDeployment(String namespace, String name) {
    return !client.apps().deployments().inNamespace(namespace).withName(name).delete().isEmpty();
  }

  public boolean deleteService(String namespace, String name) {
    return !client.services().inNamespace(namespace).withName(name).delete().isEmpty();
  }

  public boolean deletePod(String namespace, String name) {
    return !client.pods().inNamespace(namespace).withName(name).delete().isEmpty();
  }

  /**
   * What a client pod printed; empty when the log cannot be read (the node is gone, say), which
   * the parser reports as a run that printed nothing.
   */
  public String clientLog(Pod pod) {
    try {
      String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .inContainer(QperfResources.CLIENT_CONTAINER).getLog();
      return log == null ? "" : log;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * One JSON merge patch of the status subresource; fields the new status no longer has are sent
   * as null, so they are removed.
   */
  public void patchStatus(Qperf qperf, QperfStatus previous, QperfStatus next) {
    ObjectNode nextTree = JSON.valueToTree(next);
    if (previous != null) {
      JSON.valueToTree(previous).fieldNames().forEachRemaining(f -> {
        if (!nextTree.has(f)) {
          nextTree.putNull(f);
        }
      });
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("status", nextTree);
    mergePatchStatus(qperf.getMetadata().getNamespace(), qperf.getMetadata().getName(), body.toString());
  }

  /** A JSON merge patch ({@code {"status": …}}) of the status subresource. */
  public void mergePatchStatus(String namespace, String name, String patch) {
    client.resources(Qperf.class).inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }
}

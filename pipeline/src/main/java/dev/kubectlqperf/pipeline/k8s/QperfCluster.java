package dev.kubectlqperf.pipeline.k8s;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Every call the pipeline makes to the API server, and nothing else. */
public class QperfCluster {

  private static final int HTTP_UNPROCESSABLE = 422;
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

  /**
   * The client pods of every repetition of this run: selected by its labels and owned by its uid,
   * so neither a pod of an earlier run of the same name nor someone's copy of our labels counts.
   */
  public List<Pod> clientPods(Qperf qperf) {
    return pods(qperf.getMetadata().getNamespace(), QperfResources.clientSelector(qperf)).stream()
        .filter(pod -> QperfResources.ownedBy(pod, qperf)).toList();
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

  /**
   * Why the API server would refuse this Service's IP families, asked by a server-side dry run
   * (nothing is stored), e.g. "spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this
   * cluster". Empty when it accepts them; a refusal for another reason is left to the real create.
   */
  public Optional<String> refusedIpFamilies(Service service) {
    try {
      client.resource(service).dryRun().create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HTTP_UNPROCESSABLE && e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      Status status = e.getStatus();
      if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
        return Optional.empty();
      }
      return status.getDetails().getCauses().stream()
          .filter(c -> c.getField() != null && c.getField().startsWith("spec.ipFamil"))
          .map(c -> c.getField() + ": " + c.getMessage()).reduce((a, b) -> a + "; " + b);
    }
  }

  /**
   * Deletes exactly the object version given (a resourceVersion precondition): if it was replaced
   * by someone else's object of the same name since it was read, nothing is deleted. True when this
   * call deleted it; false when it was gone or had changed.
   */
  public boolean delete(HasMetadata object) {
    try {
      return !client.resource(object).lockResourceVersion().delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * What a client pod printed. Throws when the log cannot be read: the caller tells a log that is
   * gone for good (404: the pod was deleted) from one that cannot be read now (5xx, 429, a kubelet
   * that does not answer), and never takes either for an empty log.
   */
  public String clientLog(Pod pod) {
    return clientLog(pod, QperfResources.CLIENT_CONTAINER);
  }

  /** What one container (one stream) of a client pod printed; throws like {@link #clientLog(Pod)}. */
  public String clientLog(Pod pod, String container) {
    String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .inContainer(container).getLog();
    return log == null ? "" : log;
  }

  /**
   * Replaces the whole status of the run with uid {@code uid}: a JSON patch whose first operation
   * tests {@code /metadata/uid}, so it fails (422) instead of landing on a re-created CR of the same
   * name. A merge patch cannot do this: the API server keeps only {@code .status} of it.
   */
  public void replaceStatus(String namespace, String name, String uid, QperfStatus status) {
    patchRunStatus(namespace, name, StatusPatch.replaceStatus(uid, status));
  }

  /**
   * Sets one entry of {@code status.sinks} of the run with uid {@code uid} (same uid test as
   * {@link #replaceStatus}); the map must exist, as it does once a run has recorded its result.
   */
  public void replaceSinkDelivery(String namespace, String name, String uid, String sink, Object delivery) {
    patchRunStatus(namespace, name, StatusPatch.setEntry(uid, "sinks", sink, delivery));
  }

  /** Records a Kubernetes Event in its own namespace. */
  public void createEvent(Event event) {
    client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
  }

  /** An informer on the Qperves of {@code namespace} (null: every namespace), started. */
  public SharedIndexInformer<Qperf> informQperves(String namespace, ResourceEventHandler<HasMetadata> handler,
      long resyncMillis) {
    var qperves = client.resources(Qperf.class);
    return LeanInformers.inform(namespace == null ? qperves.inAnyNamespace() : qperves.inNamespace(namespace),
        handler, resyncMillis);
  }

  /**
   * Informers, started, on the kinds the pipeline creates (pods, Deployments, Services) and the
   * Endpoints of its Services, in {@code namespace} (null: every namespace), selected by its label.
   */
  public List<SharedIndexInformer<?>> informOwned(String namespace, ResourceEventHandler<HasMetadata> handler,
      long resyncMillis) {
    return List.of(
        LeanInformers.inform(owned(namespace == null ? client.pods().inAnyNamespace()
            : client.pods().inNamespace(namespace)), handler, resyncMillis),
        LeanInformers.inform(owned(namespace == null ? client.apps().deployments().inAnyNamespace()
            : client.apps().deployments().inNamespace(namespace)), handler, resyncMillis),
        LeanInformers.inform(owned(namespace == null ? client.services().inAnyNamespace()
            : client.services().inNamespace(namespace)), handler, resyncMillis),
        LeanInformers.inform(owned(namespace == null ? client.endpoints().inAnyNamespace()
            : client.endpoints().inNamespace(namespace)), handler, resyncMillis));
  }

  public QperfMatrix matrix(String namespace, String name) {
    return client.resources(QperfMatrix.class).inNamespace(namespace).withName(name).get();
  }

  /** The cluster's nodes; throws a 403 {@link KubernetesClientException} when this service account may not list them. */
  public List<Node> nodes() {
    return client.nodes().list().getItems();
  }

  /**
   * The node of this name; null when it is gone or this service account may not read nodes (the
   * namespaced install without its node reader), so a caller that only looks for trouble finds none.
   */
  public Node node(String name) {
    return unlessForbidden(() -> client.nodes().withName(name).get(), null);
  }

  /** The namespace's NetworkPolicies, for a hint; empty when this service account may not read them. */
  public List<NetworkPolicy> networkPolicies(String namespace) {
    return unlessForbidden(() -> client.network().v1().networkPolicies().inNamespace(namespace).list().getItems(),
        List.of());
  }

  private static <T> T unlessForbidden(Supplier<T> read, T forbidden) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return forbidden;
      }
      throw e;
    }
  }

  /** The children of this matrix run: labelled for it and owned by its uid (not a re-created matrix's). */
  public List<Qperf> matrixChildren(QperfMatrix matrix) {
    String uid = matrix.getMetadata().getUid();
    return client.resources(Qperf.class).inNamespace(matrix.getMetadata().getNamespace())
        .withLabels(QperfResources.matrixChildSelector(matrix.getMetadata().getName())).list().getItems().stream()
        .filter(child -> child.getMetadata().getOwnerReferences() != null
            && child.getMetadata().getOwnerReferences().stream().anyMatch(ref -> ref.getUid().equals(uid)))
        .toList();
  }

  /**
   * Replaces the whole status of the matrix with uid {@code uid}: a JSON patch to the status
   * subresource whose first operation tests the uid, so it never lands on a re-created matrix.
   */
  public void replaceMatrixStatus(String namespace, String name, String uid, QperfMatrixStatus status) {
    client.resources(QperfMatrix.class).inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), StatusPatch.replaceStatus(uid, status));
  }

  /** An informer on the QperfMatrices of {@code namespace} (null: every namespace), started. */
  public SharedIndexInformer<QperfMatrix> informMatrices(String namespace, ResourceEventHandler<HasMetadata> handler,
      long resyncMillis) {
    var matrices = client.resources(QperfMatrix.class);
    return LeanInformers.inform(namespace == null ? matrices.inAnyNamespace() : matrices.inNamespace(namespace),
        handler, resyncMillis);
  }

  /** An informer on the Qperves of {@code namespace} (null: every namespace) that a matrix made, started. */
  public SharedIndexInformer<Qperf> informMatrixChildren(String namespace, ResourceEventHandler<HasMetadata> handler,
      long resyncMillis) {
    var qperves = client.resources(Qperf.class);
    return LeanInformers.inform((namespace == null ? qperves.inAnyNamespace() : qperves.inNamespace(namespace))
        .withLabel(QperfResources.LABEL_MATRIX), handler, resyncMillis);
  }

  /** fabric8's leader elector, on this client. */
  public LeaderElectorBuilder leaderElector() {
    return client.leaderElector();
  }

  private static <T extends HasMetadata> FilterWatchListDeletable<T, ?, ?> owned(
      FilterWatchListDeletable<T, ?, ?> scoped) {
    return scoped.withLabel(QperfResources.LABEL_MANAGED_BY, QperfResources.MANAGER);
  }

  private void patchRunStatus(String namespace, String name, String patch) {
    client.resources(Qperf.class).inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }
}

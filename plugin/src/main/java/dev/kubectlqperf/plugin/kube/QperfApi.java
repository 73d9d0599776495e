package dev.kubectlqperf.plugin.kube;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.failure.Failures;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The plugin's calls to the API server. Turns "the Qperf CRD is not installed" and "no such Qperf"
 * into errors with their exit codes and a fix.
 */
public final class QperfApi {

  static final String CRD_MISSING = "the Qperf CRD (" + Qperf.CRD_NAME + ") is not installed in this cluster: "
      + "run ./install.sh, or kubectl apply -f crd/" + Qperf.CRD_NAME + ".yaml";

  private final KubernetesClient client;
  private final String namespace;

  public QperfApi(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static QperfApi connect(KubeConnection kube, KubeTarget target) {
    return new QperfApi(kube.client(target), kube.namespace(target));
  }

  /** In a namespace of the caller's choosing (a manifest's own), on the target's cluster. */
  public static QperfApi connect(KubeConnection kube, KubeTarget target, String namespace) {
    return new QperfApi(kube.client(target), namespace);
  }

  public String namespace() {
    return namespace;
  }

  /** The kubeconfig context this client was built from, or null. */
  public String contextName() {
    var current = client.getConfiguration().getCurrentContext();
    return current == null ? null : current.getName();
  }

  private MixedOperation<Qperf, KubernetesResourceList<Qperf>, Resource<Qperf>> qperves() {
    return client.resources(Qperf.class);
  }

  public Qperf get(String name) {
    Qperf q = call(() -> qperves().inNamespace(namespace).withName(name).get());
    if (q == null) {
      throw notFound(name);
    }
    return q;
  }

  public List<Qperf> list(boolean allNamespaces, String selector) {
    List<Qperf> items = call(() -> {
      var scope = allNamespaces ? qperves().inAnyNamespace() : qperves().inNamespace(namespace);
      return selector == null ? scope.list().getItems() : scope.withLabelSelector(selector).list().getItems();
    });
    return items.stream().sorted(Comparator.comparing((Qperf q) -> q.getMetadata().getNamespace())
        .thenComparing(q -> q.getMetadata().getName())).toList();
  }

  public Qperf create(Qperf qperf) {
    try {
      return call(() -> client.resource(qperf).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new CliException(ExitCodes.FAILURE, "qperves.perf.kubestone.xridge.io \""
            + qperf.getMetadata().getName() + "\" already exists in namespace " + qperf.getMetadata().getNamespace());
      }
      if (e.getCode() == 422 || e.getCode() == 400) {
        throw new CliException(ExitCodes.USAGE, "the API server rejected the Qperf: " + Failures.messageOf(e));
      }
      throw e;
    }
  }

  /** Deletes a Qperf; false when there was none. */
  public boolean delete(String name) {
    return !call(() -> qperves().inNamespace(namespace).withName(name).delete()).isEmpty();
  }

  public Watch watch(boolean allNamespaces, Watcher<Qperf> watcher) {
    return call(() -> (allNamespaces ? qperves().inAnyNamespace() : qperves().inNamespace(namespace)).watch(watcher));
  }

  public Watch watch(String name, Watcher<Qperf> watcher) {
    return call(() -> qperves().inNamespace(namespace).withName(name).watch(watcher));
  }

  /** The client pod of one repetition (1-based). */
  public Pod clientPod(Qperf qperf, int repetition) {
    return client.pods().inNamespace(namespace).withName(QperfResources.clientPodName(qperf, repetition)).get();
  }

  /** The client pods of every repetition of this run. */
  public List<Pod> clientPods(Qperf qperf) {
    return client.pods().inNamespace(namespace).withLabels(QperfResources.clientSelector(qperf)).list().getItems();
  }

  public List<Pod> serverPods(Qperf qperf) {
    return client.pods().inNamespace(namespace).withLabels(QperfResources.serverSelector(qperf)).list().getItems();
  }

  public String log(String pod, String container) {
    return client.pods().inNamespace(namespace).withName(pod).inContainer(container).getLog();
  }

  public java.io.Closeable followLog(String pod, String container, java.io.OutputStream out) {
    return client.pods().inNamespace(namespace).withName(pod).inContainer(container).watchLog(out);
  }

  public List<Event> events(Qperf qperf) {
    return client.v1().events().inNamespace(namespace)
        .withFields(Map.of("involvedObject.name", qperf.getMetadata().getName())).list().getItems().stream()
        .filter(e -> Qperf.KIND.equals(e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp()))).toList();
  }

  CliException notFound(String name) {
    return new CliException(ExitCodes.NOT_FOUND,
        "qperves.perf.kubestone.xridge.io \"" + name + "\" not found in namespace " + namespace);
  }

  /** A 404 on the resource type itself means the CRD is missing. */
  private static <T> T call(java.util.function.Supplier<T> request) {
    return CrdCalls.call(request, CRD_MISSING);
  }
}

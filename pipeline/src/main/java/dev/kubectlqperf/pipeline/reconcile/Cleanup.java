package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.result.ClientPodResult;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Pod;

/** Removes what a run no longer needs. Each call is idempotent. */
final class Cleanup {

  private final QperfCluster cluster;
  private final EventRecorder events;

  Cleanup(QperfCluster cluster, EventRecorder events) {
    this.cluster = cluster;
    this.events = events;
  }

  /** The server Deployment and Service: after every run, whatever its outcome. */
  void server(Qperf qperf) {
    String ns = qperf.getMetadata().getNamespace();
    String name = qperf.getMetadata().getName();
    boolean deleted = cluster.deleteService(ns, name) | cluster.deleteDeployment(ns, name);
    if (deleted) {
      events.normal(qperf, "ServerDeleted", "deleted server Deployment and Service " + name);
    }
  }

  /** Clients still running when the run failed (e.g. on timeout): nobody wants their result. */
  void runningClients(Qperf qperf) {
    String ns = qperf.getMetadata().getNamespace();
    for (Pod pod : cluster.clientPods(qperf)) {
      if (!ClientPodResult.ended(pod)) {
        cluster.deletePod(ns, pod.getMetadata().getName());
      }
    }
  }

  /**
   * The objects of a Qperf that is gone. Garbage collection removes them through their owner
   * references too; doing it here does not wait for it and also works where nothing collects.
   */
  void orphansOf(String namespace, String name) {
    var selector = QperfResources.instanceSelector(name);
    for (Pod pod : cluster.pods(namespace, selector)) {
      cluster.deletePod(namespace, pod.getMetadata().getName());
    }
    var service = cluster.service(namespace, name);
    if (service != null && ours(service.getMetadata().getLabels(), name)) {
      cluster.deleteService(namespace, name);
    }
    var deployment = cluster.deployment(namespace, name);
    if (deployment != null && ours(deployment.getMetadata().getLabels(), name)) {
      cluster.deleteDeployment(namespace, name);
    }
  }

  private static boolean ours(java.util.Map<String, String> labels, String name) {
    return labels != null && QperfResources.MANAGER.equals(labels.get(QperfResources.LABEL_MANAGED_BY))
        && name.equals(labels.get(QperfResources.LABEL_INSTANCE));
  }
}

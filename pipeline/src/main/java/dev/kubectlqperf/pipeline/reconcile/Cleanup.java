package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.run.ClientPodResult;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.stream.Stream;

/**
 * Removes what a run no longer needs, and only what is the run's own: an object with its labels
 * AND an owner reference to its uid. Whatever else bears the same name is left alone. Each call
 * is idempotent.
 */
final class Cleanup {

  private final QperfCluster cluster;
  private final EventRecorder events;

  Cleanup(QperfCluster cluster, EventRecorder events) {
    this.cluster = cluster;
    this.events = events;
  }

  /** The server Deployment and Service: after every run, whatever its outcome. */
  void server(Qperf run) {
    String ns = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    boolean deleted = Stream.of(cluster.service(ns, name), cluster.deployment(ns, name))
        .filter(o -> QperfResources.ownedBy(o, run)).map(cluster::delete).reduce(false, Boolean::logicalOr);
    if (deleted) {
      events.normal(run, "ServerDeleted", "deleted server Deployment and Service " + name);
    }
  }

  /** Clients still running when the run ended (e.g. on timeout): nobody wants their result. */
  void runningClients(Qperf run) {
    for (Pod pod : cluster.clientPods(run)) {
      if (!ClientPodResult.ended(pod)) {
        cluster.delete(pod);
      }
    }
  }

  /**
   * What a Qperf that is gone left: objects with our labels for its name and an owner reference to
   * a Qperf of that name. Garbage collection removes them too; doing it here does not wait for it
   * and also works where nothing collects.
   */
  void orphansOf(String namespace, String name) {
    Stream<HasMetadata> candidates = Stream.concat(
        cluster.pods(namespace, QperfResources.instanceSelector(name)).stream(),
        Stream.of(cluster.service(namespace, name), cluster.deployment(namespace, name)));
    candidates.filter(o -> QperfResources.leftByRunNamed(o, name)).forEach(cluster::delete);
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;

/** The client pods of a run, one per repetition, found with one list call. */
final class ClientPods {

  private final QperfCluster cluster;

  ClientPods(QperfCluster cluster) {
    this.cluster = cluster;
  }

  /** The run's client pods in repetition order (a pod of an earlier run of the same name is not one). */
  List<Pod> of(Qperf qperf) {
    return cluster.pods(qperf.getMetadata().getNamespace(), QperfResources.clientSelector(qperf)).stream()
        .sorted(Comparator.comparingInt(QperfResources::repetitionOf)).toList();
  }

}

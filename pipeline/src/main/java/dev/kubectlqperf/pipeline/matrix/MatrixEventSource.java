package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.KeyedEvents;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.work.KindWork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns cluster changes into QperfMatrix keys ({@code namespace/name}), in the namespaces the
 * pipeline watches: the matrices themselves, and their children (Qperfs labelled with a matrix),
 * mapped to the matrix through their controller reference, so a child that ends starts the next
 * round at once. The informers' periodic resync re-queues every matrix, whatever was missed.
 */
public final class MatrixEventSource implements KindWork.EventSource {

  private final QperfCluster cluster;
  private final PipelineConfig config;
  private final Consumer<String> keys;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public MatrixEventSource(QperfCluster cluster, PipelineConfig config, Consumer<String> keys) {
    this.cluster = cluster;
    this.config = config;
    this.keys = keys;
  }

  @Override
  public void start() {
    long resync = config.resync().toMillis();
    for (String ns : namespaces()) {
      informers.add(cluster.informMatrices(ns, new KeyedEvents(MatrixEventSource::keyOf, keys), resync));
      informers.add(cluster.informMatrixChildren(ns, new KeyedEvents(MatrixEventSource::ownerKey, keys), 0));
    }
  }

  /** A null entry stands for all namespaces. */
  private List<String> namespaces() {
    return config.watchesAllNamespaces() ? Collections.singletonList(null) : config.namespaces();
  }

  private static String keyOf(HasMetadata matrix) {
    return matrix.getMetadata().getNamespace() + "/" + matrix.getMetadata().getName();
  }

  private static String ownerKey(HasMetadata child) {
    var owners = child.getMetadata().getOwnerReferences();
    return owners == null ? null : owners.stream()
        .filter(ref -> QperfMatrix.KIND.equals(ref.getKind()) && Boolean.TRUE.equals(ref.getController()))
        .map(ref -> child.getMetadata().getNamespace() + "/" + ref.getName()).findFirst().orElse(null);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}

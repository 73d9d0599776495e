package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns cluster changes into QperfMatrix keys ({@code namespace/name}), in the namespaces the
 * pipeline watches: the matrices themselves, and their children (Qperfs labelled with a matrix),
 * mapped to the matrix through their controller reference, so a child that ends starts the next
 * round at once. The informers' periodic resync re-queues every matrix, whatever was missed.
 */
public final class MatrixEventSource implements AutoCloseable {

  private final KubernetesClient client;
  private final PipelineConfig config;
  private final Consumer<String> keys;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public MatrixEventSource(KubernetesClient client, PipelineConfig config, Consumer<String> keys) {
    this.client = client;
    this.config = config;
    this.keys = keys;
  }

  public void start() {
    long resync = config.resync().toMillis();
    for (String ns : namespaces()) {
      var matrices = ns == null ? client.resources(QperfMatrix.class).inAnyNamespace()
          : client.resources(QperfMatrix.class).inNamespace(ns);
      informers.add(matrices.inform(handler(MatrixEventSource::keyOf), resync));
      var qperves = ns == null ? client.resources(Qperf.class).inAnyNamespace()
          : client.resources(Qperf.class).inNamespace(ns);
      informers.add(qperves.withLabel(QperfResources.LABEL_MATRIX).inform(handler(MatrixEventSource::ownerKey), 0));
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

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<HasMetadata, String> toKey) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        emit(toKey.apply(obj));
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        emit(toKey.apply(newObj));
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        emit(toKey.apply(obj));
      }
    };
  }

  private void emit(String key) {
    if (key != null) {
      keys.accept(key);
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}

package dev.kubectlqperf.pipeline.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Informers whose cache keeps objects without {@code metadata.managedFields}, which the pipeline
 * never reads: they are a third of a cached child Qperf and over half of an ended client pod
 * (bench/RESULTS.md, "Matrix cost"). Otherwise as fabric8's {@code inform(handler, resync)}:
 * started, the initial list done, in the calling thread.
 */
final class LeanInformers {

  private LeanInformers() {}

  static <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source,
      ResourceEventHandler<? super T> handler, long resyncMillis) {
    return source.runnableInformer(resyncMillis).itemStore(new LeanStore<T>()).addEventHandler(handler).run();
  }

  /** fabric8's store, keyed the same way, that drops what it would keep of no use. */
  static final class LeanStore<T extends HasMetadata> extends BasicItemStore<T> {

    LeanStore() {
      super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T obj) {
      if (obj.getMetadata() != null) {
        obj.getMetadata().setManagedFields(null);
      }
      return super.put(key, obj);
    }
  }
}

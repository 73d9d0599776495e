package dev.kubectlqperf.pipeline.k8s;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns cluster changes into Qperf keys. Informers rather than camel-kubernetes' custom-resources
 * consumer: that consumer is a bare watch (no resync, no re-list after 410 Gone, no reconnect when
 * the watch closes), while an informer lists, watches, recovers and resyncs by itself. The events
 * of owned objects (pods, Deployments, Services, Endpoints, selected by our labels) map to their
 * Qperf, so a finished client is noticed at once rather than at the next poll.
 */
public final class QperfEventSource implements AutoCloseable {

  private final QperfCluster cluster;
  private final PipelineConfig config;
  private final Consumer<String> keys;
  private final ResourceEventHandler<Qperf> runs;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final List<SharedIndexInformer<Qperf>> qperfInformers = new ArrayList<>();

  /**
   * @param keys takes the {@code namespace/name} of every Qperf that may need a reconcile
   * @param runs is told of every Qperf as it is (the metrics)
   */
  public QperfEventSource(QperfCluster cluster, PipelineConfig config, Consumer<String> keys,
      ResourceEventHandler<Qperf> runs) {
    this.cluster = cluster;
    this.config = config;
    this.keys = keys;
    this.runs = runs;
  }

  public void start() {
    long resync = config.resync().toMillis();
    for (String ns : namespaces()) {
      SharedIndexInformer<Qperf> qperfInformer = cluster.informQperves(ns, new KeyedEvents(this::keyOf, keys), resync);
      qperfInformer.addEventHandler(runs);
      qperfInformers.add(qperfInformer);
      informers.add(qperfInformer);
      informers.addAll(cluster.informOwned(ns, new KeyedEvents(this::ownerKey, keys), resync));
    }
  }

  /** Every Qperf the informers know: the periodic full resync enqueues them all. */
  public Stream<String> knownKeys() {
    return qperfInformers.stream().flatMap(i -> i.getStore().list().stream()).map(this::keyOf);
  }

  /** A null entry stands for all namespaces. */
  private List<String> namespaces() {
    return config.watchesAllNamespaces() ? Collections.singletonList(null) : config.namespaces();
  }

  private String keyOf(HasMetadata qperf) {
    return qperf.getMetadata().getNamespace() + "/" + qperf.getMetadata().getName();
  }

  private String ownerKey(HasMetadata owned) {
    Map<String, String> labels = owned.getMetadata().getLabels();
    String instance = labels == null ? null : labels.get(QperfResources.LABEL_INSTANCE);
    return instance == null ? null : owned.getMetadata().getNamespace() + "/" + instance;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    qperfInformers.clear();
  }
}

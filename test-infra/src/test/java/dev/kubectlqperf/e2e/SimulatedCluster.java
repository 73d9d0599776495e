package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.Pipeline;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;

/**
 * A simulated cluster on the real kube-apiserver tier: the product's manifests applied (its
 * in-cluster pipeline scaled to zero), a namespace, simulated nodes running real qperf and serving
 * their logs, and the pipeline in this JVM under the product's ServiceAccount and RBAC, watching the
 * namespace. {@link #close()} stops the pipeline before the namespace goes, and the nodes after it,
 * so the pods the namespace deletion ends are still played out.
 */
final class SimulatedCluster implements AutoCloseable {

  private final ControlPlane controlPlane;
  private final String namespace;
  private KubernetesClient admin;
  private KubeletLogServer logs;
  private NodeSimulator nodes;
  private Pipeline pipeline;

  private SimulatedCluster(ControlPlane controlPlane, String namespace) {
    this.controlPlane = controlPlane;
    this.namespace = namespace;
  }

  /** A cluster whose pipeline watches {@code namespace}, resyncs every 2 s and runs on the system clock. */
  static Builder in(ControlPlane controlPlane, String namespace, List<String> nodeNames) {
    return new Builder(controlPlane, namespace, nodeNames);
  }

  static final class Builder {
    private final ControlPlane controlPlane;
    private final String namespace;
    private final List<String> nodeNames;
    private final List<String> crds = new ArrayList<>();
    private final Map<String, String> config = new HashMap<>();
    private final List<RoutesBuilder> routes = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(ControlPlane controlPlane, String namespace, List<String> nodeNames) {
      this.controlPlane = controlPlane;
      this.namespace = namespace;
      this.nodeNames = List.copyOf(nodeNames);
      config.put(PipelineConfig.NAMESPACES, namespace);
      config.put(PipelineConfig.RESYNC_SECONDS, "2");
    }

    /** Further CRDs (beyond the Qperf one) to wait for before the pipeline starts watching them. */
    Builder awaitCrds(String... names) {
      crds.addAll(List.of(names));
      return this;
    }

    /** A pipeline configuration entry, over the defaults. */
    Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    Builder clock(Clock pipelineClock) {
      clock = pipelineClock;
      return this;
    }

    /** Extra route builders for the pipeline (test probes). */
    Builder routes(RoutesBuilder... extra) {
      routes.addAll(List.of(extra));
      return this;
    }

    /** Everything up and the nodes Ready; what started is closed again when a step fails. */
    SimulatedCluster start() throws Exception {
      SimulatedCluster cluster = new SimulatedCluster(controlPlane, namespace);
      try {
        cluster.start(this);
      } catch (Exception | AssertionError e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }
  }

  private void start(Builder b) throws Exception {
    admin = controlPlane.admin();
    ProductManifests.applyClusterWideWithoutItsPipeline(controlPlane.kubeconfig(), admin);
    for (String crd : b.crds) {
      ProductManifests.awaitCrdEstablished(admin, crd);
    }
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    logs = new KubeletLogServer();
    nodes = new NodeSimulator(admin, b.nodeNames, logs);
    nodes.start();
    await("simulated nodes Ready").atMost(Duration.ofSeconds(30)).until(nodes::nodesReady);
    pipeline = new Pipeline(controlPlane.as("qperf-system", "qperf-pipeline"), PipelineConfig.fromMap(b.config),
        b.clock, Step.Listener.NONE, Map.of(), List.copyOf(b.routes));
    pipeline.start();
  }

  ControlPlane controlPlane() {
    return controlPlane;
  }

  KubernetesClient admin() {
    return admin;
  }

  String namespace() {
    return namespace;
  }

  KubeletLogServer logs() {
    return logs;
  }

  NodeSimulator nodes() {
    return nodes;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /** A Qperf created in the namespace, as the API server returned it. */
  Qperf create(String name, QperfSpec spec) {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    q.setSpec(spec);
    return admin.resource(q).create();
  }

  /** The Qperf once its phase is final (two minutes at the most). */
  Qperf awaitFinal(String name) {
    await(name + " ends").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
      Qperf q = admin.resources(Qperf.class).inNamespace(namespace).withName(name).get();
      return q != null && q.ended();
    });
    return admin.resources(Qperf.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (admin != null) {
      admin.namespaces().withName(namespace).delete();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (admin != null) {
      admin.close();
    }
  }
}

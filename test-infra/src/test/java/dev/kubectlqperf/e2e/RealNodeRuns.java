package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.pipeline.Pipeline;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the real-node test classes do with a run: a namespace, the pipeline in this JVM as deploy/'s
 * ServiceAccount, Kubestone's sample with changes, and waits on the run, its server and its logs.
 */
final class RealNodeRuns implements AutoCloseable {

  static final Path SAMPLE = Path.of("..", "shared-model", "src", "test", "resources", "samples",
      "perf_v1alpha1_qperf.yaml");
  private final RealNodes cluster;
  private final KubernetesClient admin;

  private RealNodeRuns(RealNodes cluster, KubernetesClient admin) {
    this.cluster = cluster;
    this.admin = admin;
  }

  /** The product's CRD and RBAC applied, its in-cluster pipeline scaled to 0: the tests run their own. */
  static RealNodeRuns open(RealNodes cluster) throws Exception {
    KubernetesClient admin = cluster.admin();
    ProductManifests.applyClusterWideWithoutItsPipeline(cluster.kubeconfig(), admin);
    return new RealNodeRuns(cluster, admin);
  }

  KubernetesClient admin() {
    return admin;
  }

  @Override
  public void close() {
    admin.close();
  }

  Shell.Result check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
    return r;
  }

  void namespace(String name) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  /** The unschedulable grace is short: on these two idle nodes a pending pod is not waiting for a scale-up. */
  Pipeline pipeline(String namespaces) throws Exception {
    KubernetesClient asServiceAccount = cluster.as("qperf-system", "qperf-pipeline");
    Pipeline p = new Pipeline(asServiceAccount, PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, namespaces,
        PipelineConfig.RESYNC_SECONDS, "5", PipelineConfig.LEADER_ELECTION, "false",
        PipelineConfig.UNSCHEDULABLE_GRACE_SECONDS, "10")), Clock.systemUTC(),
        Step.Listener.NONE, Map.of(), List.of());
    p.start();
    return p;
  }

  /** The sample, renamed, with {@code extraSpec} lines added to its spec and {@code replace} applied. */
  void applySample(String ns, String name, String extraSpec, Map<String, String> replace)
      throws Exception {
    String yaml = Files.readString(SAMPLE).replace("name: qperf-sample", "name: " + name)
        .replace("\nspec:\n", "\nspec:\n" + extraSpec);
    for (Map.Entry<String, String> e : replace.entrySet()) {
      assertTrue(yaml.contains(e.getKey()), e.getKey());
      yaml = yaml.replace(e.getKey(), e.getValue());
    }
    Path file = Files.createTempFile(name, ".yaml");
    Files.writeString(file, yaml);
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", ns, "apply", "-f", file.toString()));
  }

  Qperf awaitFinal(String ns, String name, Duration atMost) throws Exception {
    try {
      await(ns + "/" + name + " ends").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
        Qperf q = admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
        return q != null && q.getStatus() != null && q.getStatus().getPhase() != null
            && q.getStatus().getPhase().isFinal();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + Kubectl.kubectl(cluster.kubeconfig(), "get",
          "nodes,qperves,deploy,rs,pods,svc,endpoints", "-A", "-o", "wide").out() + Kubectl.kubectl(
          cluster.kubeconfig(), "get", "events", "-A").out(), e);
    }
    return admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
  }

  /**
   * The server deleted: its Deployment and Service gone, its pods gone or being deleted. The pods'
   * last step is the kubelet's (its status manager deletes a pod whose containers have stopped on a
   * 10 s beat, and more on a busy machine), not the product's: {@link #awaitServerPodsGone} waits
   * for it too.
   */
  void awaitServerGone(String ns, String name) {
    long t0 = System.nanoTime();
    await(ns + "/" + name + " server deleted").atMost(Duration.ofMinutes(2)).until(() ->
        admin.apps().deployments().inNamespace(ns).withName(name).get() == null
            && admin.services().inNamespace(ns).withName(name).get() == null
            && serverPods(ns, name).stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
    log(ns + "/" + name + ": the server's deletion", t0);
  }

  /** The server's pods gone from the API: the kubelet has stopped their containers and let them go. */
  void awaitServerPodsGone(String ns, String name) {
    awaitServerGone(ns, name);
    long t0 = System.nanoTime();
    await(ns + "/" + name + " server pods gone").atMost(Duration.ofMinutes(2)).until(() -> serverPods(ns, name).isEmpty());
    log(ns + "/" + name + ": the server pods' removal by the kubelet", t0);
  }

  private List<Pod> serverPods(String ns, String name) {
    return admin.pods().inNamespace(ns).withLabels(Map.of(QperfResources.LABEL_INSTANCE, name,
        QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_SERVER)).list().getItems();
  }

  String clientLogs(String ns, String name) {
    StringBuilder logs = new StringBuilder();
    for (Pod p : admin.pods().inNamespace(ns).withLabels(Map.of(QperfResources.LABEL_INSTANCE, name,
        QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT)).list().getItems()) {
      logs.append("--- ").append(p.getMetadata().getName()).append(" on ").append(p.getSpec().getNodeName())
          .append(' ').append(p.getStatus().getPodIP()).append('\n')
          .append(admin.pods().inNamespace(ns).withName(p.getMetadata().getName()).getLog());
    }
    return logs.toString();
  }

  /** The server pod's log from its start, for the message of a failure the client's log cannot explain. */
  LogWatch followServerLog(String ns, String name, ByteArrayOutputStream into) {
    Map<String, String> server = Map.of(QperfResources.LABEL_INSTANCE, name,
        QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_SERVER);
    await(ns + "/" + name + " server running").atMost(Duration.ofMinutes(2)).until(() ->
        admin.pods().inNamespace(ns).withLabels(server).list().getItems().stream()
            .anyMatch(p -> "Running".equals(p.getStatus().getPhase())));
    String pod = admin.pods().inNamespace(ns).withLabels(server).list().getItems().get(0).getMetadata().getName();
    return admin.pods().inNamespace(ns).withName(pod).watchLog(into);
  }

  void log(String what, long startNanos) {
    System.out.printf("real nodes: %s took %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline as users deploy it: deploy/cluster-wide applied unchanged, its image built here
 * (deploy/image/build.sh, a Maven step before these tests) and imported into the nodes; two
 * replicas behind a Lease, every request made with the real ServiceAccount token and the shipped RBAC.
 */
@ExtendWith(RealNodes.Extension.class)
class InClusterPipelineIT {

  private static final Path IMAGE = Path.of("target", "images", "qperf-pipeline.tar");
  private static final Path SAMPLE = Path.of("..", "shared-model", "src", "test", "resources", "samples",
      "perf_v1alpha1_qperf.yaml");
  private static final String SYSTEM = "qperf-system";
  private static final String NS = "in-cluster";
  private static final Map<String, String> PIPELINE = Map.of("app.kubernetes.io/name", "qperf-pipeline");
  private static RealNodes cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void deploy(RealNodes nodes) throws Exception {
    cluster = nodes;
    admin = cluster.admin();
    assertTrue(Files.isRegularFile(IMAGE), IMAGE + " is built by the pipeline-image step of test-infra/pom.xml");
    Shell.Result imported = Shell.run(Map.of(), "bash", RealNodes.SCRIPT, "import", cluster.dir().toString(),
        IMAGE.toAbsolutePath().toString());
    assertEquals(0, imported.exitCode(), imported.out() + imported.err());
    check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-k", "../deploy/cluster-wide"));
    ProductManifests.awaitCrdEstablished(admin);
    // another class may have scaled it to 0 to run the pipeline in its own JVM
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", SYSTEM, "scale", "deployment/qperf-pipeline", "--replicas", "2"));
  }

  @AfterAll
  static void scaleDown() throws Exception {
    if (admin != null) {
      Kubectl.kubectl(cluster.kubeconfig(), "-n", SYSTEM, "scale", "deployment/qperf-pipeline", "--replicas", "0");
      admin.close();
    }
  }

  private static void check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }

  @Test
  void twoReplicasRunARunExactlyOnceWhenTheLeaderIsDeletedMidRun() throws Exception {
    await("both replicas Ready (startup, liveness and readiness probes)").atMost(Duration.ofMinutes(3))
        .until(() -> readyReplicas() == 2);
    String leader = await("a leader").atMost(Duration.ofMinutes(1)).until(InClusterPipelineIT::leaseHolder,
        Optional::isPresent).orElseThrow();
    assertTrue(pipelinePods().stream().anyMatch(p -> p.getMetadata().getName().equals(leader)), leader);

    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    Path manifest = Files.createTempFile("in-cluster", ".yaml");
    Files.writeString(manifest, Files.readString(SAMPLE).replace("name: qperf-sample", "name: handover")
        .replace("--verbose --time 10", "--verbose --time 8"));
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", NS, "apply", "-f", manifest.toString()));
    await("the client running").atMost(Duration.ofMinutes(2)).until(() -> phase() == QperfPhase.Running);

    admin.pods().inNamespace(SYSTEM).withName(leader).delete();
    String next = await("another replica leads").atMost(Duration.ofMinutes(1))
        .until(InClusterPipelineIT::leaseHolder, h -> h.isPresent() && !h.get().equals(leader)).orElseThrow();
    assertNotEquals(leader, next);

    await("the run ends").atMost(Duration.ofMinutes(2)).until(() -> phase() != null && phase().isFinal());
    Qperf done = admin.resources(Qperf.class).inNamespace(NS).withName("handover").get();
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage() + logs());
    assertEquals(2, done.getStatus().getResults().size());
    List<Pod> clients = admin.pods().inNamespace(NS).withLabels(Map.of(QperfResources.LABEL_INSTANCE, "handover",
        QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT)).list().getItems();
    assertEquals(1, clients.size(), "one client, started once: " + clients.stream().map(p -> p.getMetadata().getName()).toList());
    // Events are a courtesy and not counted: a leader stepping down under load may finish the pass in
    // flight (its Completed event lost with the pod), while the next one records Accepted again.
    await("the server removed").atMost(Duration.ofMinutes(1)).until(() ->
        admin.apps().deployments().inNamespace(NS).withName("handover").get() == null);
    String logs = logs();
    assertFalse(logs.toLowerCase(java.util.Locale.ROOT).contains("forbidden"),
        "every request authorised by the RBAC:\n" + logs);
  }

  /**
   * The pipeline pod's security context as runc applies it, read from the host: its JVM runs as uid
   * 65532, with no capabilities, no new privileges and a read-only root file system.
   */
  @Test
  void theRuntimeEnforcesThePipelinePodsSecurityContext() throws Exception {
    await("a replica Ready").atMost(Duration.ofMinutes(3)).until(() -> readyReplicas() >= 1);
    List<Path> jvms;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      jvms = procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> commandLine(p).contains("/opt/qperf/qperf-pipeline.jar")).toList();
    }
    assertFalse(jvms.isEmpty(), "the pipeline's JVM among the host's processes");
    for (Path jvm : jvms) {
      String status = Files.readString(jvm.resolve("status"));
      assertTrue(status.contains("\nUid:\t65532\t65532\t65532\t65532"), status);
      assertTrue(status.contains("\nCapEff:\t0000000000000000"), status);
      assertTrue(status.contains("\nNoNewPrivs:\t1"), status);
      String root = Files.readAllLines(jvm.resolve("mountinfo")).stream()
          .filter(l -> l.split(" ")[4].equals("/")).reduce((lower, upper) -> upper).orElseThrow();
      assertTrue(root.split(" ")[5].startsWith("ro"), "root mounted read-only: " + root);
    }
  }

  private static String commandLine(Path proc) {
    try {
      return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // ended meanwhile
    }
  }

  private static int readyReplicas() {
    Deployment d = admin.apps().deployments().inNamespace(SYSTEM).withName("qperf-pipeline").get();
    Integer ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static List<Pod> pipelinePods() {
    return admin.pods().inNamespace(SYSTEM).withLabels(PIPELINE).list().getItems();
  }

  private static Optional<String> leaseHolder() {
    Lease lease = admin.resources(Lease.class).inNamespace(SYSTEM).withName("qperf-pipeline").get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity()).filter(h -> !h.isBlank());
  }

  private static QperfPhase phase() {
    Qperf q = admin.resources(Qperf.class).inNamespace(NS).withName("handover").get();
    return q == null || q.getStatus() == null ? null : q.getStatus().getPhase();
  }

  private static String logs() {
    StringBuilder all = new StringBuilder();
    for (Pod p : pipelinePods()) {
      try {
        all.append("\n--- ").append(p.getMetadata().getName()).append('\n')
            .append(admin.pods().inNamespace(SYSTEM).withName(p.getMetadata().getName()).getLog());
      } catch (RuntimeException e) {
        all.append(" (no log: ").append(e.getMessage()).append(')');
      }
    }
    return all.toString();
  }
}

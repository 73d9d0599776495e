package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.ImageSpec;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.testing.ReconcileCounter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The failure paths on a real kube-apiserver, which refuses writes the mock accepts: each run
 * must end with a phase and a reason, and the pipeline must never touch what is not its own.
 */
@ExtendWith(ControlPlane.Extension.class)
class HardeningIT {

  private static final String NS = "hardening";
  private static final Map<String, String> APP = Map.of("app", "frontend");
  @AutoClose
  private static SimulatedCluster cluster;
  private static KubernetesClient admin;
  private static final ReconcileCounter reconciles = new ReconcileCounter();

  @BeforeAll
  static void setUp(ControlPlane controlPlane) throws Exception {
    cluster = SimulatedCluster.in(controlPlane, NS, List.of("node-a", "node-b"))
        .config(PipelineConfig.UNSCHEDULABLE_GRACE_SECONDS, "5").routes(reconciles.routes()).start();
    admin = cluster.admin();
  }

  private static void awaitServerGone(String name) {
    await(name + " server deleted").atMost(Duration.ofMinutes(1)).until(() ->
        admin.apps().deployments().inNamespace(NS).withName(name).get() == null
            && admin.services().inNamespace(NS).withName(name).get() == null);
  }

  /**
   * Still there, not being deleted, with its own labels and owners: controllers of a real cluster
   * (scheduler, deployment controller) move its resourceVersion, the pipeline changes nothing.
   */
  private static void assertUntouched(HasMetadata before, HasMetadata now) {
    String what = before.getKind() + " " + before.getMetadata().getName();
    assertNotNull(now, what + " was deleted");
    assertEquals(before.getMetadata().getUid(), now.getMetadata().getUid(), what + " was re-created");
    assertNull(now.getMetadata().getDeletionTimestamp(), what + " is being deleted");
    assertEquals(before.getMetadata().getLabels(), now.getMetadata().getLabels(), what);
    assertEquals(before.getMetadata().getOwnerReferences(), now.getMetadata().getOwnerReferences(), what);
  }

  @Test
  void everyInvalidSpecEndsFailedWithItsReasonOnTheRealApiServer() {
    Map<String, QperfSpec> bad = Map.of(
        "bad-test", QperfSpec.of(List.of("tcp_foo"), null),
        "bad-host", QperfSpec.of(List.of("tcp_bw"), "-H elsewhere"),
        "bad-port", QperfSpec.of(List.of("tcp_bw"), "--listen_port 4000"),
        "bad-count", QperfSpec.of(List.of("tcp_bw"), "-n 1000"));
    bad.forEach(cluster::create);
    bad.forEach((name, spec) -> {
      Qperf failed = cluster.awaitFinal(name);
      assertEquals("InvalidSpec", failed.getStatus().getReason(), name);
      assertEquals(Boolean.TRUE, failed.getStatus().getCompleted(), name);
      assertTrue(failed.getStatus().getMessage() != null && !failed.getStatus().getMessage().isBlank(), name);
      assertNull(admin.apps().deployments().inNamespace(NS).withName(name).get(), "nothing created for " + name);
    });
  }

  @Test
  void aServerImageThatCannotBePulledEndsTheRun() {
    cluster.create("nopull",
        new QperfSpec(new ImageSpec("registry.local/" + NodeSimulator.MISSING_IMAGE + ":1", null, null),
            null, List.of("tcp_bw"), null, null, 60L, null, null, null, null));
    Qperf failed = cluster.awaitFinal("nopull");
    assertEquals("ServerImagePullFailed", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains(NodeSimulator.MISSING_IMAGE), failed.getStatus().getMessage());
    awaitServerGone("nopull");
  }

  @Test
  void foreignObjectsWithTheRunsNamesSurviveTheRunItsResyncsAndItsDeletion() {
    var deployment = admin.resource(new DeploymentBuilder().withNewMetadata().withNamespace(NS).withName("frontend")
        .withLabels(APP).endMetadata().withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(APP)
        .endSelector().withNewTemplate().withNewMetadata().withLabels(APP).endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().endTemplate().endSpec()
        .build()).create();
    var service = admin.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("frontend")
        .withLabels(APP).endMetadata().withNewSpec().withSelector(APP).addNewPort().withPort(80).endPort().endSpec()
        .build()).create();
    var pod = admin.resource(new PodBuilder().withNewMetadata().withNamespace(NS).withName("backend-client")
        .withLabels(APP).endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx")
        .endContainer().endSpec().build()).create();
    cluster.create("frontend", QperfSpec.of(List.of("tcp_lat"), "-t 1"));
    cluster.create("backend", QperfSpec.of(List.of("tcp_lat"), "-t 1"));

    Qperf frontend = cluster.awaitFinal("frontend");
    assertEquals("NameConflict", frontend.getStatus().getReason());
    assertTrue(frontend.getStatus().getMessage().startsWith("Service " + NS + "/frontend already exists"),
        frontend.getStatus().getMessage());
    Qperf backend = cluster.awaitFinal("backend");
    assertEquals("NameConflict", backend.getStatus().getReason());
    assertTrue(backend.getStatus().getMessage().startsWith("Pod " + NS + "/backend-client already exists"),
        backend.getStatus().getMessage());
    awaitServerGone("backend");
    reconciles.awaitAfter(NS + "/frontend", 2, Duration.ofMinutes(1), () -> { });
    reconciles.awaitAfter(NS + "/backend", 1, Duration.ofMinutes(1),
        () -> admin.resources(Qperf.class).inNamespace(NS).withName("backend").delete());
    reconciles.awaitAfter(NS + "/frontend", 1, Duration.ofMinutes(1),
        () -> admin.resources(Qperf.class).inNamespace(NS).withName("frontend").delete());

    assertUntouched(deployment, admin.apps().deployments().inNamespace(NS).withName("frontend").get());
    assertUntouched(service, admin.services().inNamespace(NS).withName("frontend").get());
    assertUntouched(pod, admin.pods().inNamespace(NS).withName("backend-client").get());
  }

  @Test
  void aClientLogThatFailsAFewReadsIsReadLaterNotTakenForEmpty() {
    cluster.create("busy-kubelet", QperfSpec.of(List.of("tcp_lat"), "-t 1"));
    await("client pod").atMost(Duration.ofMinutes(1))
        .until(() -> admin.pods().inNamespace(NS).withName("busy-kubelet-client").get() != null);
    cluster.logs().failNext(NS, "busy-kubelet-client", "client", 6);
    Qperf done = cluster.awaitFinal("busy-kubelet");
    assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
    assertTrue(done.getStatus().getHeadline().startsWith("tcp_lat "), done.getStatus().getHeadline());
  }

  @Test
  void aStatusForAnEarlierRunOfTheSameNameIsRefused() {
    Qperf first = cluster.create("recreated", QperfSpec.of(List.of("tcp_foo"), null));
    cluster.awaitFinal("recreated");
    admin.resources(Qperf.class).inNamespace(NS).withName("recreated").withGracePeriod(0).delete();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> admin.resources(Qperf.class).inNamespace(NS).withName("recreated").get() == null);
    Qperf second = cluster.create("recreated", QperfSpec.of(List.of("tcp_foo"), null));
    Qperf failed = cluster.awaitFinal("recreated");

    QperfCluster writes = new QperfCluster(admin);
    QperfStatus stale = new QperfStatus().setPhase(QperfPhase.Completed).setReason("Completed").setMessage("old");
    var refused = assertThrows(KubernetesClientException.class,
        () -> writes.replaceStatus(NS, "recreated", first.getMetadata().getUid(), stale));
    assertEquals(422, refused.getCode());
    Qperf now = admin.resources(Qperf.class).inNamespace(NS).withName("recreated").get();
    assertEquals(second.getMetadata().getUid(), now.getMetadata().getUid());
    assertEquals(failed.getStatus(), now.getStatus(), "the re-created run's status is untouched");
  }
}

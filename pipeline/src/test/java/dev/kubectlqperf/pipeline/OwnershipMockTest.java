package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline creates, changes and deletes only objects with its labels AND an owner reference
 * to the run's uid: a user's Deployment, Service or Pod that happens to bear a run's name survives
 * the run, its failure, its resyncs and its deletion.
 */
class OwnershipMockTest extends MockClusterTest {

  /** Someone's workload, with labels of its own. */
  private static final Map<String, String> APP = Map.of("app", "frontend");

  private Deployment foreignDeployment(String name) {
    return client.resource(new DeploymentBuilder().withNewMetadata().withNamespace(NS).withName(name)
        .withLabels(APP).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(APP).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(APP).endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
  }

  private Service foreignService(String name) {
    return client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName(name).withLabels(APP)
        .endMetadata().withNewSpec().withSelector(APP).addNewPort().withPort(80).endPort().endSpec().build()).create();
  }

  private Pod foreignPod(String name) {
    return client.resource(new PodBuilder().withNewMetadata().withNamespace(NS).withName(name).withLabels(APP)
        .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
        .build()).create();
  }

  /** Unchanged: same uid and resourceVersion as when the test made it. */
  private void assertUntouched(HasMetadata before, HasMetadata now) {
    assertNotNull(now, before.getKind() + " " + before.getMetadata().getName() + " was deleted");
    assertEquals(before.getMetadata().getUid(), now.getMetadata().getUid());
    assertEquals(before.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion());
  }

  @Test
  void aForeignDeploymentAndServiceWithTheRunsNameAreAConflictAndSurvive() throws Exception {
    Deployment deployment = foreignDeployment("frontend");
    Service service = foreignService("frontend");
    fixture.start();
    fixture.create("frontend", QperfSpec.of(List.of("tcp_bw"), null));

    Qperf failed = fixture.awaitPhase("frontend", QperfPhase.Failed);
    assertEquals("NameConflict", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().startsWith("Service bench/frontend already exists and does not belong "
        + "to this run"), failed.getStatus().getMessage());
    fixture.awaitReconciles("frontend", 3);
    assertUntouched(deployment, client.apps().deployments().inNamespace(NS).withName("frontend").get());
    assertUntouched(service, client.services().inNamespace(NS).withName("frontend").get());

    fixture.awaitReconciles("frontend", 1,
        () -> client.resources(Qperf.class).inNamespace(NS).withName("frontend").delete());
    assertUntouched(deployment, client.apps().deployments().inNamespace(NS).withName("frontend").get());
    assertUntouched(service, client.services().inNamespace(NS).withName("frontend").get());
  }

  @Test
  void aForeignClientPodIsAConflictAndSurvivesWhileTheRunsOwnServerGoes() throws Exception {
    Pod pod = foreignPod("web-client");
    fixture.start();
    fixture.create("web", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("web").get());
    kubelet.serverReady(NS, "web");

    Qperf failed = fixture.awaitPhase("web", QperfPhase.Failed);
    assertEquals("NameConflict", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().startsWith("Pod bench/web-client already exists"),
        failed.getStatus().getMessage());
    fixture.awaitServerGone("web");
    fixture.awaitReconciles("web", 3);
    assertUntouched(pod, client.pods().inNamespace(NS).withName("web-client").get());
  }

  @Test
  void foreignObjectsCreatedWhileAndAfterTheRunSurviveItsResyncsAndItsDeletion() throws Exception {
    fixture.start();
    fixture.create("api", new QperfSpec(null, null, List.of("tcp_lat"), null, null, null, null, null, 2, null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("api").get());
    Pod secondClient = foreignPod("api-client-2");
    kubelet.serverReady(NS, "api");
    fixture.awaitExists("client pod", () -> client.pods().inNamespace(NS).withName("api-client").get());
    kubelet.clientEnded(NS, "api-client", 0, "tcp_lat:\n    latency  =  5 us\n");

    Qperf failed = fixture.awaitPhase("api", QperfPhase.Failed);
    assertEquals("NameConflict", failed.getStatus().getReason());
    fixture.awaitServerGone("api");
    Deployment deployment = foreignDeployment("api");
    Service service = foreignService("api");
    fixture.awaitReconciles("api", 3);
    assertUntouched(secondClient, client.pods().inNamespace(NS).withName("api-client-2").get());
    assertUntouched(deployment, client.apps().deployments().inNamespace(NS).withName("api").get());
    assertUntouched(service, client.services().inNamespace(NS).withName("api").get());
    assertNotNull(client.pods().inNamespace(NS).withName("api-client").get(), "the run's own client pod is kept");

    fixture.awaitReconciles("api", 1, () -> client.resources(Qperf.class).inNamespace(NS).withName("api").delete());
    assertNull(client.pods().inNamespace(NS).withName("api-client").get(), "the run's own client pod is removed");
    assertUntouched(secondClient, client.pods().inNamespace(NS).withName("api-client-2").get());
    assertUntouched(deployment, client.apps().deployments().inNamespace(NS).withName("api").get());
    assertUntouched(service, client.services().inNamespace(NS).withName("api").get());
  }

  @Test
  void aCopyOfOurLabelsWithoutOurOwnerReferenceIsNotOurs() throws Exception {
    Map<String, String> ours = Map.of("app.kubernetes.io/name", "qperf", "app.kubernetes.io/instance", "copy",
        "app.kubernetes.io/managed-by", "kubectl-qperf", "app.kubernetes.io/component", "server");
    Service service = client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("copy")
        .withLabels(ours).endMetadata().withNewSpec().withSelector(ours).addNewPort().withPort(80).endPort().endSpec()
        .build()).create();
    fixture.start();
    fixture.create("copy", QperfSpec.of(List.of("tcp_bw"), null));
    assertEquals("NameConflict", fixture.awaitPhase("copy", QperfPhase.Failed).getStatus().getReason());
    assertNull(client.apps().deployments().inNamespace(NS).withName("copy").get(), "nothing created");
    fixture.awaitReconciles("copy", 3);
    assertUntouched(service, client.services().inNamespace(NS).withName("copy").get());
  }
}

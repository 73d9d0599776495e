package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as a run's own object, and the run as it started. */
class QperfResourcesTest {

  private final Qperf run = Fixtures.created("web", QperfSpec.of(List.of("tcp_bw"), "-t 1"));

  @Test
  void ownObjectsCarryOurLabelsAndAnOwnerReferenceToTheRunUid() {
    assertTrue(QperfResources.ownedBy(QperfManifests.serverService(run), run));
    assertTrue(QperfResources.ownedBy(QperfManifests.clientPod(run, 2), run));
  }

  @Test
  void aNameAloneOrOurLabelsAloneOrAnotherRunsUidIsNotOurs() {
    HasMetadata foreign = new ServiceBuilder().withNewMetadata().withName("web").withLabels(Map.of("app", "web"))
        .endMetadata().build();
    assertFalse(QperfResources.ownedBy(foreign, run));
    HasMetadata copiedLabels = new ServiceBuilder(QperfManifests.serverService(run)).editMetadata()
        .withOwnerReferences(List.of()).endMetadata().build();
    assertFalse(QperfResources.ownedBy(copiedLabels, run));
    Qperf recreated = Fixtures.created("web", QperfSpec.of(List.of("tcp_bw"), null));
    recreated.getMetadata().setUid("another-uid");
    assertFalse(QperfResources.ownedBy(QperfManifests.serverService(run), recreated));
    HasMetadata ownedButRelabelled = new ServiceBuilder(QperfManifests.serverService(run)).editMetadata()
        .withLabels(Map.of("app", "web")).endMetadata().build();
    assertFalse(QperfResources.ownedBy(ownedButRelabelled, run));
  }

  @Test
  void anEarlierRunsObjectIsToldFromSomeoneElses() {
    assertTrue(QperfResources.leftByRunNamed(QperfManifests.serverService(run), "web"));
    assertFalse(QperfResources.leftByRunNamed(QperfManifests.serverService(run), "other"));
    HasMetadata ownedByADeployment = new ServiceBuilder(QperfManifests.serverService(run)).editMetadata()
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName("web").withUid("x").build()).endMetadata().build();
    assertFalse(QperfResources.leftByRunNamed(ownedByADeployment, "web"));
  }

  @Test
  void theRunKeepsTheSpecItStartedWith() {
    assertSame(run, run.asRun(), "before it starts, the run is the CR");
    QperfSpec started = run.getSpec().withDefaults("registry.local/qperf:1", 30);
    run.setStatus(new QperfStatus().setRunSpec(started));
    run.setSpec(QperfSpec.of(List.of("udp_lat"), "-t 9"));
    assertEquals(started, run.asRun().getSpec());
    assertEquals("registry.local/qperf:1", started.imageName());
    assertEquals(30, started.effectiveTimeoutSeconds());
    assertEquals(run.getMetadata(), run.asRun().getMetadata());
  }
}

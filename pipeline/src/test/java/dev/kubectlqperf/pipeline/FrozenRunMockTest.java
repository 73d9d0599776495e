package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole run is frozen when it starts: an edit of a running Qperf changes nothing of its run. */
class FrozenRunMockTest extends MockClusterTest {

  private static final String TWO_BLOCKS = "tcp_bw:\n    bw  =  1.9 GB/sec\ntcp_lat:\n    latency  =  7 us\n";

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  /** What a user's edit does: a merge patch of the spec, no resourceVersion, so it never conflicts. */
  private void editSpec(String name, String specJson) {
    client.resources(Qperf.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
  }

  private static QperfSpec spec(int repetitions) {
    return new QperfSpec(null, "-t 1", List.of("tcp_bw", "tcp_lat"), null, null, null, null, null, repetitions, null,
        List.of("tcp_bw bw at least 1 GB/sec"));
  }

  @Test
  void loweringRepetitionsOrThresholdsMidRunChangesNothing() throws Exception {
    fixture.start();
    fixture.create("frozen", spec(3));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("frozen").get());
    kubelet.serverReady(NS, "frozen");
    fixture.awaitExists("client 1", () -> pod("frozen-client"));
    editSpec("frozen", "{\"repetitions\":1,\"thresholds\":[\"tcp_bw bw at least 100 GB/sec\"],\"timeoutSeconds\":1}");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.eventReasons("frozen").contains("SpecChangeIgnored"));
    kubelet.clientEnded(NS, "frozen-client", 0, TWO_BLOCKS);

    fixture.awaitExists("client 2", () -> pod("frozen-client-2"));
    assertNotNull(client.apps().deployments().inNamespace(NS).withName("frozen").get(), "the server stays up");
    kubelet.clientEnded(NS, "frozen-client-2", 0, TWO_BLOCKS);
    editSpec("frozen", "{\"repetitions\":0}");
    fixture.awaitExists("client 3", () -> pod("frozen-client-3"));
    kubelet.clientEnded(NS, "frozen-client-3", 0, TWO_BLOCKS);

    Qperf done = fixture.awaitPhase("frozen", QperfPhase.Completed);
    assertEquals("all 3 repetitions succeeded (6 test blocks)", done.getStatus().getMessage());
    assertEquals("Passed", done.getStatus().getVerdict().name(), "judged by the thresholds the run started with");
    assertEquals(3, done.getStatus().getRunSpec().repetitions());
    var ignored = done.getStatus().getConditions().stream().filter(c -> c.getType().equals("SpecChangeIgnored"))
        .findFirst().orElseThrow();
    assertEquals(3L, ignored.getObservedGeneration(), "the condition names the latest ignored edit");
    assertEquals(1L, done.getStatus().getObservedGeneration());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == 1);
    assertEquals(3, fixture.published.get(0).repetitions().size());
  }

  @Test
  void aFinishedRepetitionsPodDeletedWhileTheNextRunsIsNotRunAgain() throws Exception {
    fixture.start();
    fixture.create("deleted", spec(2));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("deleted").get());
    kubelet.serverReady(NS, "deleted");
    fixture.awaitExists("client 1", () -> pod("deleted-client"));
    kubelet.clientEnded(NS, "deleted-client", 0, TWO_BLOCKS);
    fixture.awaitExists("client 2", () -> pod("deleted-client-2"));
    fixture.awaitReconciles("deleted", 2, () -> client.pods().inNamespace(NS).withName("deleted-client").delete());
    assertNull(pod("deleted-client"), "a repetition that ended is not run again");
    kubelet.clientEnded(NS, "deleted-client-2", 0, TWO_BLOCKS);

    Qperf failed = fixture.awaitPhase("deleted", QperfPhase.Failed);
    assertEquals("LogUnavailable", failed.getStatus().getReason());
    assertEquals("repetition 1: its client pod was deleted before its log was read", failed.getStatus().getMessage());
    assertNull(pod("deleted-client"));
  }

  @Test
  void theServerSelectorCarriesTheRunUid() throws Exception {
    fixture.start();
    Qperf created = fixture.create("uid", spec(1));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("uid").get());
    var selector = client.apps().deployments().inNamespace(NS).withName("uid").get().getSpec().getSelector();
    assertEquals(created.getMetadata().getUid(), selector.getMatchLabels().get(QperfResources.LABEL_RUN_UID));
    assertEquals(created.getMetadata().getUid(), client.services().inNamespace(NS).withName("uid").get().getSpec()
        .getSelector().get(QperfResources.LABEL_RUN_UID));
    await("the run's spec frozen").atMost(Duration.ofSeconds(10)).until(() -> fixture.get("uid").getStatus() != null
        && fixture.get("uid").getStatus().getRunSpec() != null);
    assertTrue(fixture.get("uid").getStatus().getRunSpec().image().name().startsWith("xridge/qperf"),
        "the frozen spec has the pipeline's defaults");
  }
}

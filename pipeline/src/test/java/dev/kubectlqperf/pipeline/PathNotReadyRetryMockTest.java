package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster DNS may publish a new Service, and kube-proxy program its ClusterIP, a moment after the
 * endpoints are ready, and qperf gives up at once: such a client measured nothing, so it is started
 * again, a bounded number of times, and the status says so.
 */
class PathNotReadyRetryMockTest extends MockClusterTest {

  private static final String UNRESOLVED = "getaddrinfo failed: Temporary failure in name resolution\n";

  private Pod clientPod(String name) {
    return client.pods().inNamespace(NS).withName(name + "-client").get();
  }

  /** Waits for a client pod this test has not ended yet (the earlier one is deleted first). */
  private void awaitFreshClient(String name) {
    await("a new client pod").atMost(Duration.ofSeconds(20)).until(() -> {
      Pod pod = clientPod(name);
      return pod != null && (pod.getStatus() == null || pod.getStatus().getPhase() == null);
    });
  }

  @Test
  void aClientThatCouldNotResolveTheServerYetIsStartedAgain() throws Exception {
    fixture.start();
    fixture.create("dns", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("dns").get());
    kubelet.serverReady(NS, "dns");
    awaitFreshClient("dns");
    kubelet.clientEndedOnce(NS, "dns-client", 1, UNRESOLVED);
    await().atMost(Duration.ofSeconds(20)).until(() -> fixture.eventReasons("dns").contains("ServerNotReachedYet"));
    awaitFreshClient("dns");
    kubelet.clientEnded(NS, "dns-client", 0, "tcp_bw:\n    bw  =  1.9 GB/sec\n");

    Qperf done = fixture.awaitPhase("dns", QperfPhase.Completed);
    assertEquals(1, done.getStatus().getClientRetries());
    assertEquals("tcp_bw 1.9 GB/sec", done.getStatus().getHeadline());
  }

  @Test
  void aControlConnectionThatDidNotCarryYetIsStartedAgain() throws Exception {
    fixture.start();
    fixture.create("vip", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("vip").get());
    kubelet.serverReady(NS, "vip");
    awaitFreshClient("vip");
    kubelet.clientEndedOnce(NS, "vip-client", 1, "tcp_bw:\nfailed to receive port: Resource temporarily unavailable\n");
    await().atMost(Duration.ofSeconds(20)).until(() -> fixture.eventReasons("vip").contains("ServerNotReachedYet"));
    // qperf's server now waits for that client's data connection forever: the pipeline restarts it
    await("the server pod deleted, the server not ready").atMost(Duration.ofSeconds(20)).until(() ->
        client.pods().inNamespace(NS).withName("vip-server-0").get() == null
            && client.resources(Qperf.class).inNamespace(NS).withName("vip").get().getStatus().getConditions().stream()
                .anyMatch(c -> "ServerReady".equals(c.getType()) && "False".equals(c.getStatus())));
    kubelet.serverReady(NS, "vip");
    awaitFreshClient("vip");
    kubelet.clientEnded(NS, "vip-client", 0, "tcp_bw:\n    bw  =  1.9 GB/sec\n");
    assertEquals(1, fixture.awaitPhase("vip", QperfPhase.Completed).getStatus().getClientRetries());
  }

  @Test
  void aFailureAfterMeasuringIsNotRetried() throws Exception {
    fixture.start();
    fixture.create("half", QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("half").get());
    kubelet.serverReady(NS, "half");
    awaitFreshClient("half");
    kubelet.clientEnded(NS, "half-client", 1, "tcp_bw:\n    bw  =  1.9 GB/sec\ntcp_lat:\nfailed to connect\n");
    Qperf failed = fixture.awaitPhase("half", QperfPhase.Failed);
    assertEquals("QperfFailed", failed.getStatus().getReason());
    assertEquals(null, failed.getStatus().getClientRetries());
  }

  @Test
  void aNameThatNeverResolvesEndsTheRunWithQperfsMessage() throws Exception {
    fixture.start();
    fixture.create("nodns", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("nodns").get());
    kubelet.serverReady(NS, "nodns");
    for (int attempt = 0; attempt <= 3; attempt++) {
      awaitFreshClient("nodns");
      kubelet.clientEndedOnce(NS, "nodns-client", 1, UNRESOLVED);
    }
    Qperf failed = fixture.awaitPhase("nodns", QperfPhase.Failed);
    assertEquals("QperfFailed", failed.getStatus().getReason());
    assertEquals(3, failed.getStatus().getClientRetries());
    assertTrue(failed.getStatus().getMessage().contains("getaddrinfo failed"), failed.getStatus().getMessage());
  }
}

package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.parse.CaptureFile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole lifecycle on the fabric8 CRUD mock server, the test playing kubelet and controllers. */
class LifecycleMockTest extends MockClusterTest {


  /** What qperf printed in a checked-in capture (its header lines left out). */
  static String capture(String name) throws IOException {
    try (InputStream in = LifecycleMockTest.class.getResourceAsStream("/qperf-outputs/" + name)) {
      return CaptureFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)).output();
    }
  }


  private Qperf kubestoneSample() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/samples/perf_v1alpha1_qperf.yaml")) {
      Qperf q = client.getKubernetesSerialization().unmarshal(in, Qperf.class);
      q.getMetadata().setNamespace(NS);
      return client.resource(q).create();
    }
  }

  private Pod clientPod(String name) {
    return client.pods().inNamespace(NS).withName(name + "-client").get();
  }

  @Test
  void theFirstClientStartsOnceTheServerRunsWithoutWaitingForItsReadinessProbe() throws Exception {
    fixture.start();
    fixture.create("early", QperfSpec.of(List.of("tcp_lat"), null));
    fixture.awaitExists("server deployment", () -> client.apps().deployments().inNamespace(NS).withName("early").get());
    assertEquals(Boolean.TRUE, client.services().inNamespace(NS).withName("early").get().getSpec()
        .getPublishNotReadyAddresses(), "the headless Service publishes the starting server's address");

    kubelet.serverStarted(NS, "early");
    fixture.awaitExists("client pod", () -> clientPod("early"));
    Qperf running = fixture.awaitPhase("early", QperfPhase.Running);
    assertEquals(FakeKubelet.SERVER_NODE, running.getStatus().getServerNode());
    assertTrue(running.getStatus().getConditions() == null || running.getStatus().getConditions().stream()
        .noneMatch(c -> "ServerReady".equals(c.getType())), "the server is not ready yet");

    kubelet.serverReady(NS, "early");
    kubelet.clientEnded(NS, "early-client", 0, "tcp_lat:\n    latency  =  21.5 us\n");
    Qperf done = fixture.awaitPhase("early", QperfPhase.Completed);
    assertEquals("tcp_lat 21.5 us", done.getStatus().getHeadline());
  }

  @Test
  void kubestoneSampleRunsToCompletedAndCleansUp() throws Exception {
    fixture.start();
    kubestoneSample();
    fixture.awaitExists("server deployment", () -> client.apps().deployments().inNamespace(NS).withName("qperf-sample").get());
    var deployment = client.apps().deployments().inNamespace(NS).withName("qperf-sample").get();
    assertEquals("Qperf", deployment.getMetadata().getOwnerReferences().get(0).getKind());
    assertNotNull(client.services().inNamespace(NS).withName("qperf-sample").get());
    assertNull(clientPod("qperf-sample"), "no client before the server runs");
    assertEquals(QperfPhase.Starting, fixture.awaitPhase("qperf-sample", QperfPhase.Starting).getStatus().getPhase());

    kubelet.serverReady(NS, "qperf-sample");
    fixture.awaitExists("client pod", () -> clientPod("qperf-sample"));
    assertEquals(List.of("qperf-sample", "--listen_port", "19765", "--verbose", "--time", "10", "tcp_bw", "tcp_lat"),
        clientPod("qperf-sample").getSpec().getContainers().get(0).getArgs());
    Qperf running = fixture.awaitPhase("qperf-sample", QperfPhase.Running);
    assertEquals(Boolean.TRUE, running.getStatus().getRunning());
    assertEquals(FakeKubelet.SERVER_NODE, running.getStatus().getServerNode());

    kubelet.clientEnded(NS, "qperf-sample-client", 0, capture("kubestone_sample_args.txt"));
    Qperf done = fixture.awaitPhase("qperf-sample", QperfPhase.Completed);
    fixture.awaitServerGone("qperf-sample");

    var s = done.getStatus();
    assertEquals(Boolean.FALSE, s.getRunning());
    assertEquals(Boolean.TRUE, s.getCompleted());
    assertEquals("Completed", s.getReason());
    assertEquals(1L, s.getObservedGeneration());
    assertNotNull(s.getStartTime());
    assertNotNull(s.getCompletionTime());
    assertEquals(FakeKubelet.CLIENT_NODE, s.getClientNode());
    assertEquals("tcp_bw 1.65 GB/sec, tcp_lat 4.65 us", s.getHeadline());
    assertEquals("1650000000", s.getResults().get(0).metrics().get("bw").value().toPlainString());
    assertEquals("0.00000465", s.getResults().get(1).metrics().get("latency").value().toPlainString());
    assertTrue(s.getConditions().stream().anyMatch(c -> c.getType().equals("Succeeded") && c.getStatus().equals("True")));
    assertNotNull(clientPod("qperf-sample"), "the client pod is the raw record: kept");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.get("qperf-sample").getStatus().getSinks().get("file").state() == SinkDelivery.State.Delivered);
    assertEquals(1, fixture.published.size());
    assertTrue(fixture.published.get(0).ok());
    assertEquals("qperf-sample", fixture.published.get(0).run().name());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.eventReasons("qperf-sample").containsAll(
        List.of("Accepted", "ServerCreated", "ClientStarted", "ServerDeleted", "Completed")));
  }

  @Test
  void qperfFailureEndsFailedWithQperfsMessageAndCleansUp() throws Exception {
    fixture.start();
    fixture.create("sctp", QperfSpec.of(List.of("tcp_bw", "sctp_bw"), "-t 1"));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("sctp").get());
    kubelet.serverReady(NS, "sctp");
    fixture.awaitExists("client pod", () -> clientPod("sctp"));
    kubelet.clientEnded(NS, "sctp-client", 1, "tcp_bw:\n    bw  =  1.62 GB/sec\nsctp_bw:\nserver: unable to make SCTP socket\n");
    Qperf failed = fixture.awaitPhase("sctp", QperfPhase.Failed);
    fixture.awaitServerGone("sctp");
    assertEquals("QperfFailed", failed.getStatus().getReason());
    assertEquals("server: unable to make SCTP socket", failed.getStatus().getMessage());
    assertEquals(Boolean.TRUE, failed.getStatus().getCompleted());
    assertEquals(Boolean.FALSE, failed.getStatus().getRunning());
    assertEquals("tcp_bw 1.62 GB/sec, sctp_bw failed", failed.getStatus().getHeadline());
    assertEquals(1, fixture.published.size(), "failed runs are exported too");
    assertFalse(fixture.published.get(0).ok());
  }

  @Test
  void invalidSpecFailsAndCreatesNothing() throws Exception {
    fixture.start();
    fixture.create("bad", QperfSpec.of(List.of("tcp_foo"), "-H elsewhere"));
    Qperf failed = fixture.awaitPhase("bad", QperfPhase.Failed);
    assertEquals("InvalidSpec", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("unknown qperf test 'tcp_foo'"), failed.getStatus().getMessage());
    assertTrue(failed.getStatus().getMessage().contains("'-H' would change the server address"));
    assertEquals(Boolean.TRUE, failed.getStatus().getCompleted());
    assertNull(client.apps().deployments().inNamespace(NS).withName("bad").get());
    assertNull(client.services().inNamespace(NS).withName("bad").get());
    assertNull(clientPod("bad"));
  }

  @Test
  void serverImagePullFailure() throws Exception {
    fixture.start();
    fixture.create("pull", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("pull").get());
    kubelet.serverWaiting(NS, "pull", "ImagePullBackOff");
    Qperf failed = fixture.awaitPhase("pull", QperfPhase.Failed);
    assertEquals("ServerImagePullFailed", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("xridge/qperf:0.4.11-r0"), failed.getStatus().getMessage());
    assertTrue(failed.getStatus().getMessage().endsWith("; kubectl qperf doctor -n " + NS
        + " --probe --image xridge/qperf:0.4.11-r0 tries it on every node"), failed.getStatus().getMessage());
    fixture.awaitServerGone("pull");
  }

  @Test
  void unschedulableServer() throws Exception {
    fixture.start();
    fixture.create("nowhere", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("nowhere").get());
    kubelet.serverUnschedulable(NS, "nowhere", java.time.Instant.now().minusSeconds(5));
    Qperf failed = fixture.awaitPhase("nowhere", QperfPhase.Failed);
    assertEquals("ServerUnschedulable", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("0/3 nodes are available"));
    assertTrue(failed.getStatus().getMessage().endsWith("; kubectl qperf doctor -n " + NS
        + " lists the schedulable nodes"), failed.getStatus().getMessage());
    fixture.awaitServerGone("nowhere");
  }

  @Test
  void clientImagePullFailure() throws Exception {
    fixture.start();
    fixture.create("cpull", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("cpull").get());
    kubelet.serverReady(NS, "cpull");
    fixture.awaitExists("client pod", () -> clientPod("cpull"));
    kubelet.clientWaiting(NS, "cpull-client", "InvalidImageName");
    assertEquals("ClientImagePullFailed", fixture.awaitPhase("cpull", QperfPhase.Failed).getStatus().getReason());
    fixture.awaitServerGone("cpull");
  }

  @Test
  void serverThatNeverBecomesReadyTimesOut() throws Exception {
    fixture.start();
    fixture.create("slow", new QperfSpec(null, null, List.of("tcp_bw"), null, null, 2L, null, null, null, null));
    Qperf failed = fixture.awaitPhase("slow", QperfPhase.Failed);
    assertEquals("Timeout", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("never became ready"), failed.getStatus().getMessage());
    fixture.awaitServerGone("slow");
  }

  @Test
  void clientStillRunningAtTheDeadlineIsStopped() throws Exception {
    fixture.start();
    fixture.create("hang", new QperfSpec(null, null, List.of("tcp_bw"), null, null, 3L, null, null, null, null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("hang").get());
    kubelet.serverReady(NS, "hang");
    fixture.awaitExists("client pod", () -> clientPod("hang"));
    kubelet.clientRunning(NS, "hang-client");
    Qperf failed = fixture.awaitPhase("hang", QperfPhase.Failed);
    assertEquals("Timeout", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("client was still running"));
    fixture.awaitServerGone("hang");
    await().atMost(Duration.ofSeconds(10)).until(() -> clientPod("hang") == null);
  }

  @Test
  void deletingTheQperfMidRunRemovesEverything() throws Exception {
    fixture.start();
    fixture.create("gone", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("gone").get());
    kubelet.serverReady(NS, "gone");
    fixture.awaitExists("client pod", () -> clientPod("gone"));
    client.resources(Qperf.class).inNamespace(NS).withName("gone").delete();
    fixture.awaitServerGone("gone");
    await().atMost(Duration.ofSeconds(10)).until(() -> clientPod("gone") == null);
  }

  @Test
  void editMidRunDoesNotChangeTheRun() throws Exception {
    fixture.start();
    fixture.create("edit", QperfSpec.of(List.of("tcp_bw"), "-t 1"));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("edit").get());
    // What a user's edit does (kubectl edit/patch): no resourceVersion, so it never conflicts
    // with the pipeline's own status writes.
    client.resources(Qperf.class).inNamespace(NS).withName("edit").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"tests\":[\"udp_lat\"],\"options\":\"-t 5\"}}");
    kubelet.serverReady(NS, "edit");
    fixture.awaitExists("client pod", () -> clientPod("edit"));
    assertEquals(List.of("edit", "--listen_port", "19765", "-t", "1", "tcp_bw"),
        clientPod("edit").getSpec().getContainers().get(0).getArgs());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.eventReasons("edit").contains("SpecChangeIgnored"));
    assertEquals(1L, fixture.get("edit").getStatus().getObservedGeneration());
  }

  @Test
  void aSinkThePipelineDoesNotDeliverToIsFailedNotSkipped() throws Exception {
    fixture.start();
    fixture.create("nosink", new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, null, null,
        List.of("file", "slack")));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("nosink").get());
    kubelet.serverReady(NS, "nosink");
    fixture.awaitExists("client pod", () -> clientPod("nosink"));
    kubelet.clientEnded(NS, "nosink-client", 0, "tcp_bw:\n    bw  =  1 GB/sec\n");
    fixture.awaitPhase("nosink", QperfPhase.Completed);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.get("nosink").getStatus().getSinks().get("file").state() == SinkDelivery.State.Delivered);
    SinkDelivery slack = fixture.get("nosink").getStatus().getSinks().get("slack");
    assertEquals(SinkDelivery.State.Failed, slack.state());
    assertEquals("sink 'slack' is not configured in this pipeline (QPERF_SINKS)", slack.lastError());
  }
}

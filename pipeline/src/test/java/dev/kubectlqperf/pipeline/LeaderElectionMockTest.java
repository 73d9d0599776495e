package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Two replicas: only the lease holder acts; when it goes, the other takes over. A replica that
 * loses the lease stops all of its work, sink deliveries and their retries included, before the
 * other may take over, so a result goes to a sink once in total.
 */
class LeaderElectionMockTest extends MockClusterTest {

  private static final String LEASE = "qperf-pipeline";
  private final Set<String> actors = ConcurrentHashMap.newKeySet();

  private Pipeline replica(String identity) throws Exception {
    return replica(identity, Map.of(), Map.of());
  }

  private Pipeline replica(String identity, Map<String, String> env, Map<String, String> camel) throws Exception {
    Step.Listener recordActor = (step, key) -> actors.add(identity);
    Map<String, String> all = new HashMap<>(env);
    all.putAll(Map.of(PipelineConfig.LEADER_ELECTION, "true", PipelineConfig.IDENTITY, identity,
        PipelineConfig.LEASE_NAMESPACE, NS));
    return fixture.start(client, all, camel, recordActor);
  }

  private static Map<String, String> slackSink(SlackReceiver slack) {
    return Map.of(SinkConfig.SINKS, "slack", SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl(),
        SinkConfig.RETRIES, "1000", SinkConfig.RETRY_DELAY_MS, "50", SinkConfig.MAX_RETRY_DELAY_MS, "200");
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private void awaitHolder(String identity) {
    awaitHolder(identity, Duration.ofSeconds(30));
  }

  private void awaitHolder(String identity, Duration atMost) {
    await(identity + " leads").atMost(atMost).until(() -> identity.equals(holder()));
  }

  /** Someone else holds the lease now, as after a partition: the holder sees it at its next renewal. */
  private void stealLease() {
    editLease(lease -> {
      lease.getSpec().setHolderIdentity("elsewhere");
      lease.getSpec().setRenewTime(ZonedDateTime.now());
    });
  }

  /** That someone is gone: its lease has run out, and any replica still standing may take it. */
  private void expireLease() {
    editLease(lease -> lease.getSpec().setRenewTime(ZonedDateTime.now().minusMinutes(1)));
  }

  /** An edit that may meet a renewal (409) is made again on the lease as it then is. */
  private void editLease(Consumer<Lease> change) {
    await("lease edited").atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(() -> {
          client.leases().inNamespace(NS).withName(LEASE).edit(lease -> {
            change.accept(lease);
            return lease;
          });
          return true;
        });
  }

  private void runToCompletion(String name) {
    fixture.create(name, QperfSpec.of(List.of("tcp_lat"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName(name).get());
    kubelet.serverReady(NS, name);
    fixture.awaitExists("client", () -> client.pods().inNamespace(NS).withName(name + "-client").get());
    kubelet.clientEnded(NS, name + "-client", 0, "tcp_lat:\n    latency  =  5 us\n");
    fixture.awaitPhase(name, QperfPhase.Completed);
  }

  private SinkDelivery.State slackState(String name) {
    var status = fixture.get(name).getStatus();
    SinkDelivery d = status == null || status.getSinks() == null ? null : status.getSinks().get("slack");
    return d == null ? null : d.state();
  }

  @Test
  void onlyTheLeaseHolderActsAndTheOtherTakesOver() throws Exception {
    Pipeline a = replica("replica-a");
    awaitHolder("replica-a");
    Pipeline b = replica("replica-b");

    runToCompletion("first");
    assertEquals(Set.of("replica-a"), actors, "only the leader reconciles");

    a.close();
    awaitHolder("replica-b");
    actors.clear();
    runToCompletion("second");
    assertEquals(Set.of("replica-b"), actors);
    b.close();
  }

  /** Each replica has its own receiver, so the posts tell who delivered. */
  @Test
  void aLeaseLostWhileSlackFailsIsDeliveredOnceInTotal() throws Exception {
    try (SlackReceiver toA = new SlackReceiver(); SlackReceiver toB = new SlackReceiver()) {
      toA.answerAlways(500);
      toB.answerAlways(500);
      Pipeline a = replica("replica-a", slackSink(toA), Map.of());
      awaitHolder("replica-a");
      replica("replica-b", slackSink(toB), Map.of());
      runToCompletion("flaky");
      await("replica-a retrying").atMost(Duration.ofSeconds(10)).until(() -> toA.arrived() >= 2);

      stealLease();
      assertTrue(a.awaitStop(Duration.ofSeconds(20)), "replica-a stopped");
      int postsOfA = toA.arrived();
      expireLease();
      awaitHolder("replica-b");
      await("replica-b resumes the delivery").atMost(Duration.ofSeconds(20)).until(() -> toB.arrived() >= 1);
      toA.answerAlways(200);
      toB.answerAlways(200);
      await("delivered").atMost(Duration.ofSeconds(20))
          .until(() -> slackState("flaky") == SinkDelivery.State.Delivered);
      await("replica-a's retries stopped with it").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
          .until(() -> toA.arrived() == postsOfA);
      assertEquals(1, toA.accepted("*bench/flaky*") + toB.accepted("*bench/flaky*"));
    }
  }

  @Test
  void aPostInFlightWhenTheLeaseIsLostIsRecordedAndNotMadeAgain() throws Exception {
    try (SlackReceiver slack = new SlackReceiver(); LogCapture logs = LogCapture.start()) {
      slack.hold();
      Pipeline a = replica("replica-a", slackSink(slack), Map.of("camel.main.shutdownTimeout", "10"));
      awaitHolder("replica-a");
      replica("replica-b", slackSink(slack), Map.of());
      runToCompletion("slow");
      await("replica-a's post in flight").atMost(Duration.ofSeconds(10)).until(() -> slack.arrived() == 1);

      stealLease();
      await("replica-a stopping").atMost(Duration.ofSeconds(10))
          .until(() -> logs.text().contains("replica-a stopped leading"));
      slack.release();
      assertTrue(a.awaitStop(Duration.ofSeconds(20)), "replica-a stopped");
      assertEquals(SinkDelivery.State.Delivered, slackState("slow"), "the post in flight ended and was recorded");

      expireLease();
      awaitHolder("replica-b");
      runToCompletion("after"); // replica-b has looked at every run by the time this one is delivered
      await("replica-b delivers its own").atMost(Duration.ofSeconds(20))
          .until(() -> slackState("after") == SinkDelivery.State.Delivered);
      assertEquals(1, slack.accepted("*bench/slow*"));
      assertEquals(2, slack.posts().size(), slack.posts().toString());
    }
  }

  @Test
  void aReplicaThatLostTheLeaseIsNoLongerLive() throws Exception {
    int port = freePort();
    Pipeline a = replica("replica-a", Map.of(PipelineConfig.HEALTH_PORT, String.valueOf(port)), Map.of());
    awaitHolder("replica-a");
    assertEquals(200, live(port));

    stealLease();
    assertTrue(a.awaitStop(Duration.ofSeconds(20)), "replica-a stopped");
    assertTrue(a.lostLease());
    assertThrows(ConnectException.class, () -> live(port), "the liveness probe still answers");
  }

  /** The real main in a process of its own: once it has lost the lease, nothing keeps it alive. */
  @Test
  void theProcessExitsWhenItLosesTheLease() throws Exception {
    Path output = Files.createTempFile(fixture.resultsDir, "pipeline", ".log");
    ProcessBuilder pipeline = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PipelineMain.class.getName())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = pipeline.environment();
    env.remove("KUBECONFIG");
    env.putAll(Map.of("KUBERNETES_MASTER", client.getMasterUrl().toString(), "KUBERNETES_TRUST_CERTIFICATES", "true",
        "KUBERNETES_AUTH_TRYKUBECONFIG", "false", "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
        PipelineConfig.NAMESPACES, NS, PipelineConfig.LEADER_ELECTION, "true", PipelineConfig.LEASE_NAMESPACE, NS,
        PipelineConfig.IDENTITY, "replica-process", SinkConfig.SINKS, ""));
    Process process = pipeline.start();
    try {
      awaitHolder("replica-process", Duration.ofSeconds(90)); // a new JVM on a busy machine
      stealLease();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after losing the lease:\n"
          + Files.readString(output));
      assertEquals(PipelineMain.EXIT_LEASE_LOST, process.exitValue(), Files.readString(output));
    } finally {
      process.destroyForcibly();
    }
  }

  private static int live(int port) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/live")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

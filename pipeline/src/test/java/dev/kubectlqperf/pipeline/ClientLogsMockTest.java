package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "The log could not be read" is not "qperf printed nothing": a log read that fails is tried
 * again, and a log gone for good ends the run LogUnavailable; no sink gets a document parsed from
 * an unread log.
 */
class ClientLogsMockTest extends MockClusterTest {

  private static final String LOG = "tcp_bw:\n    bw  =  1.9 GB/sec\n";
  private KubernetesClient pipelineClient;

  /** The pipeline's own client does not retry by itself, so every failed read reaches the pipeline. */
  @BeforeEach
  void noClientRetries() {
    Config config = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    pipelineClient = new KubernetesClientBuilder().withConfig(config).build();
    fixture.closeAfterPipelines(pipelineClient);
  }

  private void runUntilClientEnded(String name) throws Exception {
    fixture.start(pipelineClient, Map.of(PipelineConfig.LOG_RETRY_SECONDS, "3"), Map.of(),
        Step.Listener.NONE);
    fixture.create(name, QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName(name).get());
    kubelet.serverReady(NS, name);
    fixture.awaitExists("client pod", () -> client.pods().inNamespace(NS).withName(name + "-client").get());
  }

  @Test
  void aLogThatFailsTwiceIsReadTheThirdTime() throws Exception {
    runUntilClientEnded("flaky-log");
    kubelet.clientEndedLogFailing(NS, "flaky-log-client", 0, LOG, 500, 2);

    Qperf done = fixture.awaitPhase("flaky-log", QperfPhase.Completed);
    assertEquals("tcp_bw 1.9 GB/sec", done.getStatus().getHeadline());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == 1);
    assertTrue(fixture.published.get(0).ok());
  }

  @Test
  void aLogThatNeverAnswersEndsTheRunLogUnavailableNotEmpty() throws Exception {
    runUntilClientEnded("lost-node");
    kubelet.clientEndedLogFailing(NS, "lost-node-client", 0, null, 500, -1);

    Qperf failed = fixture.awaitPhase("lost-node", QperfPhase.Failed);
    assertEquals("LogUnavailable", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().startsWith("the log of client pod lost-node-client cannot be read (HTTP 500"),
        failed.getStatus().getMessage());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == 1);
    QperfResult published = fixture.published.get(0);
    assertFalse(published.ok());
    assertTrue(published.tests().isEmpty(), "nothing parsed from a log that was never read");
    assertFalse(published.errors().toString().contains("printed nothing"), published.errors().toString());
  }

  @Test
  void aLogThatIsGoneEndsTheRunAtOnce() throws Exception {
    runUntilClientEnded("gone-log");
    kubelet.clientEndedLogFailing(NS, "gone-log-client", 0, null, 404, -1);

    Qperf failed = fixture.awaitPhase("gone-log", QperfPhase.Failed);
    assertEquals("LogUnavailable", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("HTTP 404"), failed.getStatus().getMessage());
  }
}

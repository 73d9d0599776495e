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
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.repetitions: one client pod after the other against one server, statistics and a verdict at the end. */
class RepetitionsMockTest extends MockClusterTest {

  private static final List<String> BANDWIDTHS = List.of("1.80", "1.90", "2.00");

  @Test
  void clientsRunOneAfterTheOtherAndTheServerStaysUntilTheLast() throws Exception {
    fixture.start();
    fixture.create("reps", spec(3, List.of("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p99 at most 5 us")));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("reps").get());
    kubelet.serverReady(NS, "reps");

    for (int n = 1; n <= 3; n++) {
      String pod = n == 1 ? "reps-client" : "reps-client-" + n;
      fixture.awaitExists(pod, () -> client.pods().inNamespace(NS).withName(pod).get());
      if (n < 3) {
        assertNull(client.pods().inNamespace(NS).withName("reps-client-" + (n + 1)).get(),
            "the next repetition waits for this one");
      }
      assertNotNull(client.apps().deployments().inNamespace(NS).withName("reps").get(), "the server stays up");
      String started = "repetition " + n + " of 3: qperf client " + pod + " started";
      await().atMost(Duration.ofSeconds(10)).until(() -> started.equals(fixture.get("reps").getStatus().getMessage()));
      kubelet.clientEnded(NS, pod, 0, output(BANDWIDTHS.get(n - 1), "7.0" + n));
    }

    Qperf done = fixture.awaitPhase("reps", QperfPhase.Completed);
    fixture.awaitServerGone("reps");
    var status = done.getStatus();
    assertEquals("all 3 repetitions succeeded (6 test blocks)", status.getMessage());
    assertNull(status.getResults(), "per-block headlines would grow with the repetitions; statistics replace them");
    MetricStatistics bw = status.getStatistics().get(0);
    assertEquals("bw", bw.metric());
    assertEquals(3, bw.count());
    assertEquals(1.9e9, bw.mean(), 1);
    assertTrue(status.getHeadline().startsWith("tcp_bw 1.9 GB/sec ±5.3%, tcp_lat 7.02 us ±0.1% (3 runs)"),
        status.getHeadline());

    assertEquals(Verdict.Outcome.Failed, status.getVerdict());
    Condition verdict = condition(done, "ThresholdsMet");
    assertEquals("False", verdict.getStatus());
    assertEquals("ThresholdsFailed", verdict.getReason());
    assertEquals("tcp_lat latency p99 at most 5 us: tcp_lat latency p99 7.03 us is not at most 5 us",
        verdict.getMessage());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.eventReasons("reps").contains("ThresholdsFailed"));

    QperfResult published = fixture.published.get(0);
    assertEquals(3, published.repetitions().size());
    assertEquals(6, published.tests().size());
    assertEquals(Verdict.Outcome.Failed, published.verdict().result());
  }

  @Test
  void aFailedRepetitionIsRecordedAndTheOthersStillRun() throws Exception {
    fixture.start();
    fixture.create("flaky", spec(3, List.of("tcp_bw bw at least 1 GB/sec")));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("flaky").get());
    kubelet.serverReady(NS, "flaky");
    fixture.awaitExists("client 1", () -> pod("flaky-client"));
    kubelet.clientEnded(NS, "flaky-client", 0, output("1.80", "7.01"));
    fixture.awaitExists("client 2", () -> pod("flaky-client-2"));
    kubelet.clientEnded(NS, "flaky-client-2", 1, "tcp_bw:\nfailed to receive tcp_bw results: timed out\n");
    fixture.awaitExists("client 3", () -> pod("flaky-client-3"));
    kubelet.clientEnded(NS, "flaky-client-3", 0, output("2.00", "7.03"));

    Qperf failed = fixture.awaitPhase("flaky", QperfPhase.Failed);
    fixture.awaitServerGone("flaky");
    assertEquals("QperfFailed", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().startsWith("1 of 3 repetitions failed; repetition 2: "),
        failed.getStatus().getMessage());
    assertEquals(2, failed.getStatus().getStatistics().get(0).count(), "the failed repetition is no sample");
    assertEquals(Verdict.Outcome.Passed, failed.getStatus().getVerdict(), "what was measured meets the rule");
    QperfResult published = fixture.published.get(0);
    assertFalse(published.ok());
    assertEquals(List.of(true, false, true), published.repetitions().stream().map(r -> r.ok()).toList());
  }

  @Test
  void aTimeoutMidwayKeepsTheRepetitionsThatEnded() throws Exception {
    fixture.start();
    // The timeout leaves a busy machine time to start the second client before it strikes.
    fixture.create("late", new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, 15L, null, null, 3,
        null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("late").get());
    kubelet.serverReady(NS, "late");
    fixture.awaitExists("client 1", () -> pod("late-client"));
    kubelet.clientEnded(NS, "late-client", 0, output("1.80", "7.01"));
    fixture.awaitExists("client 2", () -> pod("late-client-2"));

    Qperf failed = fixture.awaitPhase("late", QperfPhase.Failed);
    assertEquals("Timeout", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().endsWith("(1 of 3 repetitions ended)"), failed.getStatus().getMessage());
    fixture.awaitServerGone("late");
    fixture.awaitExists("the running client deleted", () -> pod("late-client-2") == null ? "gone" : null);
    QperfResult published = fixture.published.get(0);
    assertEquals(1, published.repetitions().size(), "the repetition that ended is kept");
    assertEquals(2, published.tests().size());
    assertTrue(published.errors().get(published.errors().size() - 1).startsWith("Timeout: "), published.errors().toString());
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  private static QperfSpec spec(int repetitions, List<String> thresholds) {
    return new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null, null, null, repetitions, null,
        thresholds);
  }

  private static String output(String gbPerSec, String us) {
    return "tcp_bw:\n    bw  =  " + gbPerSec + " GB/sec\ntcp_lat:\n    latency  =  " + us + " us\n";
  }

  private static Condition condition(Qperf qperf, String type) {
    return qperf.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }
}

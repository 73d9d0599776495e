package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.StreamOutcome;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.parallel: N server containers, N client containers per repetition, each stream and their sum in the result. */
class StreamsMockTest extends MockClusterTest {

  private static QperfSpec spec(int parallel, int repetitions, List<String> thresholds) {
    return new QperfSpec(null, "-t 2", List.of("tcp_bw", "tcp_lat"), null, null, null, null, null, repetitions, null,
        thresholds, parallel);
  }

  private static String log(String uptime, String bw, String latency) {
    return "qperf-stream-start uptime=" + uptime + "\ntcp_bw:\n    bw  =  " + bw + " GB/sec\ntcp_lat:\n    latency  =  "
        + latency + " us\n";
  }

  @Test
  void threeStreamsRunTogetherAndTheResultHasEachAndTheirSum() throws Exception {
    fixture.start();
    fixture.create("three", spec(3, 1, List.of("tcp_bw bw sum at least 5 GB/sec")));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("three").get());
    assertEquals(List.of("server", "server-2", "server-3"), client.apps().deployments().inNamespace(NS)
        .withName("three").get().getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getName)
        .toList());
    kubelet.serverReady(NS, "three");
    fixture.awaitExists("client", () -> client.pods().inNamespace(NS).withName("three-client").get());
    Pod pod = client.pods().inNamespace(NS).withName("three-client").get();
    assertEquals(List.of("client", "client-2", "client-3"),
        pod.getSpec().getContainers().stream().map(Container::getName).toList());
    assertEquals(1, client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "client").list()
        .getItems().size(), "the streams of a repetition are one pod");

    Map<String, String> logs = new LinkedHashMap<>();
    logs.put("client", log("500.00", "1.5", "10"));
    logs.put("client-2", log("500.02", "2.0", "12"));
    logs.put("client-3", log("500.01", "2.5", "11"));
    kubelet.streamsEnded(NS, "three-client", Map.of("client", 0, "client-2", 0, "client-3", 0), logs);

    Qperf done = fixture.awaitPhase("three", QperfPhase.Completed);
    fixture.awaitServerGone("three");
    var status = done.getStatus();
    assertEquals("all 6 test blocks of 3 streams succeeded", status.getMessage());
    assertEquals(6e9, status.getAggregate().get(0).mean(), 1);
    assertEquals(0.02, status.getStartSkewSeconds());
    assertEquals(Verdict.Outcome.Passed, status.getVerdict());
    assertTrue(status.getHeadline().startsWith("tcp_bw sum 6 GB/sec (3 streams, 1.5 GB/sec–2.5 GB/sec), "
        + "tcp_lat 11 us (3 streams, 10 us–12 us)"), status.getHeadline());
    assertEquals(List.of(1, 1, 2, 2, 3, 3), status.getResults().stream().map(r -> r.stream()).toList());

    QperfResult published = fixture.published.get(0);
    assertEquals(List.of(0.0, 0.02, 0.01), published.streams().stream().map(StreamOutcome::startOffsetSeconds).toList());
    assertEquals(6e9, published.aggregate().get(0).sum(), 1);
    assertEquals(11e-6, published.aggregate().get(1).median(), 1e-12);
  }

  @Test
  void aStreamThatFailsFailsTheRunAndIsNamed() throws Exception {
    fixture.start();
    fixture.create("broken", spec(3, 1, null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("broken").get());
    kubelet.serverReady(NS, "broken");
    fixture.awaitExists("client", () -> client.pods().inNamespace(NS).withName("broken-client").get());
    Map<String, String> logs = new LinkedHashMap<>();
    logs.put("client", log("1.00", "1.5", "10"));
    logs.put("client-2", "qperf-stream-start uptime=1.00\ntcp_bw:\nfailed to receive tcp_bw results: timed out\n");
    logs.put("client-3", log("1.00", "2.5", "11"));
    kubelet.streamsEnded(NS, "broken-client", Map.of("client", 0, "client-2", 1, "client-3", 0), logs);

    Qperf failed = fixture.awaitPhase("broken", QperfPhase.Failed);
    assertEquals("QperfFailed", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().contains("timed out"), failed.getStatus().getMessage());
    QperfResult published = fixture.published.get(0);
    assertEquals(List.of(true, false, true), published.streams().stream().map(StreamOutcome::ok).toList());
    assertEquals(2, published.aggregate().get(0).streams(), "a failed stream adds nothing to the sum");
  }
}

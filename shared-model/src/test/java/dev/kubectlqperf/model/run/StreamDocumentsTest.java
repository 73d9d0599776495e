package dev.kubectlqperf.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.StartSkew;
import dev.kubectlqperf.model.result.StreamAggregate;
import dev.kubectlqperf.model.result.StreamOutcome;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document of a run of parallel streams: each stream, the aggregate, the start skew. */
class StreamDocumentsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  private static Qperf run(int parallel, int repetitions, String options, List<String> thresholds) {
    Qperf q = Fixtures.created("p", new QperfSpec(null, options, List.of("tcp_bw", "tcp_lat"), null, null, null, null,
        null, repetitions, null, thresholds, parallel));
    return q;
  }

  /** A client pod of repetition {@code n} whose containers all ended with {@code exit}. */
  private static Pod ended(Qperf q, int n, int exit) {
    Pod pod = QperfManifests.clientPod(q, n);
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    pod.getStatus().setPhase(exit == 0 ? "Succeeded" : "Failed");
    pod.getStatus().setContainerStatuses(pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
        .withName(c.getName()).withNewState().withNewTerminated().withExitCode(exit)
        .withFinishedAt("2026-11-27T09:59:5" + n + "Z").endTerminated().endState().build()).toList());
    return pod;
  }

  private static String log(double uptime, String bw, String latency) {
    return "qperf-stream-start uptime=" + uptime + "\ntcp_bw:\n    bw  =  " + bw + "\ntcp_lat:\n    latency  =  "
        + latency + "\n";
  }

  @Test
  void eachStreamIsKeptAndTheAggregateSumsBandwidthAndSpreadsLatency() {
    Qperf q = run(3, 1, "-t 2", null);
    Map<String, String> logs = Map.of("client", log(100.00, "1 GB/sec", "10 us"),
        "client-2", log(100.03, "2 GB/sec", "30 us"), "client-3", log(100.01, "1.5 GB/sec", "20 us"));
    QperfResult doc = ClientPodResult.ofRun(q, List.of(ended(q, 1, 0)), (pod, c) -> logs.get(c), NOW, null);

    assertTrue(doc.ok(), doc.errors().toString());
    assertEquals(List.of(1, 1, 2, 2, 3, 3), doc.tests().stream().map(TestResult::stream).toList());
    assertEquals(List.of(0.0, 0.03, 0.01), doc.streams().stream().map(StreamOutcome::startOffsetSeconds).toList());
    StreamAggregate bw = doc.aggregate().get(0);
    assertEquals("bw", bw.metric());
    assertEquals(3, bw.streams());
    assertEquals(4.5e9, bw.sum(), 1);
    assertEquals(1.5e9, bw.median(), 1);
    StreamAggregate latency = doc.aggregate().get(1);
    assertNull(latency.sum(), "latencies do not add up");
    assertEquals(10e-6, latency.min(), 1e-12);
    assertEquals(20e-6, latency.median(), 1e-12);
    assertEquals(30e-6, latency.max(), 1e-12);
    assertEquals(new StartSkew(1, 0.03, 2, false), doc.startSkew().get(0));
    MetricStatistics perStream = doc.statistics().get(0);
    assertEquals(3, perStream.count(), "the streams are samples of one stream's bandwidth");
    assertEquals(4.5e9, doc.aggregateStatistics().get(0).mean(), 1);
    assertEquals("all 6 test blocks of 3 streams succeeded", RunResults.successMessage(doc));
    assertTrue(ParallelHeadlines.headline(doc).startsWith("tcp_bw sum 4.5 GB/sec (3 streams, 1 GB/sec–2 GB/sec)"),
        ParallelHeadlines.headline(doc));
  }

  @Test
  void aLargeSkewAgainstTheTestTimeIsSaid() {
    Qperf q = run(2, 1, "--time 1", null);
    Map<String, String> logs = Map.of("client", log(50.0, "1 GB/sec", "10 us"), "client-2", log(50.25, "1 GB/sec", "10 us"));
    QperfResult doc = ClientPodResult.ofRun(q, List.of(ended(q, 1, 0)), (pod, c) -> logs.get(c), NOW, null);
    StartSkew skew = doc.startSkew().get(0);
    assertEquals(0.25, skew.seconds());
    assertEquals(1.0, skew.testSeconds());
    assertTrue(skew.large());
    assertTrue(RunResults.successMessage(doc).endsWith("; the streams started 0.25 s apart, more than 10 % of the 1 s "
        + "test time; they measured together for less of it"), RunResults.successMessage(doc));
    assertTrue(doc.warnings().contains(StreamDocuments.skewWarning(skew)));
  }

  @Test
  void aClientWithoutStartMarkerLeavesTheSkewUnknown() {
    Qperf q = run(2, 1, null, null);
    Map<String, String> logs = Map.of("client", "tcp_bw:\n    bw  =  1 GB/sec\ntcp_lat:\n    latency  =  1 us\n",
        "client-2", log(1.0, "1 GB/sec", "1 us"));
    QperfResult doc = ClientPodResult.ofRun(q, List.of(ended(q, 1, 0)), (pod, c) -> logs.get(c), NOW, null);
    assertNull(doc.startSkew().get(0).seconds());
    assertFalse(doc.startSkew().get(0).large());
    assertEquals(2.0, doc.startSkew().get(0).testSeconds(), "qperf's default test time");
  }

  @Test
  void repetitionsOfStreamsAggregatePerRepetitionAndSumThresholdsJudgeTheMeanSum() {
    Qperf q = run(2, 2, null, List.of("tcp_bw bw sum at least 3 GB/sec", "tcp_bw bw at least 1.7 GB/sec",
        "tcp_bw bw sum min at least 2.5 GB/sec"));
    Map<String, String> logs = new HashMap<>();
    logs.put("p-client/client", log(1, "1.5 GB/sec", "10 us"));
    logs.put("p-client/client-2", log(1, "1.5 GB/sec", "10 us"));
    logs.put("p-client-2/client", log(2, "2 GB/sec", "10 us"));
    logs.put("p-client-2/client-2", log(2, "2 GB/sec", "10 us"));
    QperfResult doc = ClientPodResult.ofRun(q, List.of(ended(q, 2, 0), ended(q, 1, 0)),
        (pod, c) -> logs.get(pod.getMetadata().getName() + "/" + c), NOW, null);

    assertEquals(List.of(1, 1, 2, 2), doc.streams().stream().map(StreamOutcome::repetition).toList());
    assertEquals(List.of(1, 2), doc.startSkew().stream().map(StartSkew::repetition).toList());
    List<StreamAggregate> sums = doc.aggregate().stream().filter(a -> a.sum() != null).toList();
    assertEquals(List.of(3e9, 4e9), sums.stream().map(StreamAggregate::sum).toList());
    MetricStatistics overRepetitions = doc.aggregateStatistics().get(0);
    assertEquals(2, overRepetitions.count());
    assertEquals(3.5e9, overRepetitions.mean(), 1);
    Verdict verdict = doc.verdict();
    assertTrue(verdict.rules().get(0).passed(), verdict.rules().get(0).detail());
    assertEquals("tcp_bw bw sum mean 3.5 GB/sec", verdict.rules().get(0).detail());
    assertTrue(verdict.rules().get(1).passed(), "a rule without sum judges one stream: " + verdict.rules().get(1).detail());
    assertTrue(verdict.rules().get(2).passed(), verdict.rules().get(2).detail());
  }

  @Test
  void aFailedStreamFailsTheRepetitionAndSaysWhich() {
    Qperf q = run(2, 1, null, null);
    Map<String, String> logs = Map.of("client", log(1, "1 GB/sec", "1 us"),
        "client-2", "qperf-stream-start uptime=1.0\nfailed to connect: Connection refused\n");
    Pod pod = ended(q, 1, 0);
    pod.getStatus().getContainerStatuses().get(1).getState().getTerminated().setExitCode(1);
    QperfResult doc = ClientPodResult.ofRun(q, List.of(pod), (p, c) -> logs.get(c), NOW, null);
    assertFalse(doc.ok());
    assertEquals(1, doc.exitCode());
    assertFalse(doc.streams().get(1).ok());
    assertTrue(doc.errors().get(0).startsWith("stream 2: "), doc.errors().toString());
  }

  @Test
  void compareSetsTheSumOfParallelStreamsAgainstOneStream() {
    Qperf single = run(1, 1, null, null);
    QperfResult one = ClientPodResult.ofRun(single, List.of(ended(single, 1, 0)),
        (pod, c) -> "tcp_bw:\n    bw  =  1 GB/sec\ntcp_lat:\n    latency  =  10 us\n", NOW, null);
    Qperf four = run(4, 1, null, null);
    QperfResult parallel = ClientPodResult.ofRun(four, List.of(ended(four, 1, 0)), (pod, c) -> log(1, "0.9 GB/sec",
        "12 us"), NOW, null);
    var changes = dev.kubectlqperf.model.compare.ResultComparison.compare(one, parallel, 5);
    var sum = changes.stream().filter(c -> c.baseline().metric().equals("bw sum")).findFirst().orElseThrow();
    assertEquals(1e9, sum.baseline().mean(), 1, "one stream is its own sum");
    assertEquals(3.6e9, sum.candidate().mean(), 1);
    assertEquals(dev.kubectlqperf.model.compare.MetricChange.Outcome.IMPROVEMENT, sum.outcome());
    assertTrue(changes.stream().noneMatch(c -> c.baseline().metric().equals("latency sum")));
    assertEquals(List.of("bw", "latency"), dev.kubectlqperf.model.compare.ResultComparison.compare(one, one, 5).stream()
        .map(c -> c.baseline().metric()).toList(), "two runs of one stream compare as before");
  }

  @Test
  void theDocumentReadsBackWithItsStreams() {
    Qperf q = run(2, 1, null, null);
    Map<String, String> logs = Map.of("client", log(1, "1 GB/sec", "1 us"), "client-2", log(1.5, "1 GB/sec", "1 us"));
    QperfResult doc = ClientPodResult.ofRun(q, List.of(ended(q, 1, 0)), (pod, c) -> logs.get(c), NOW, null);
    ResultJson json = new ResultJson();
    String written = json.pretty(doc);
    assertTrue(written.contains("\"startSkew\""), written);
    assertEquals(written, json.pretty(json.read(written)));
  }
}

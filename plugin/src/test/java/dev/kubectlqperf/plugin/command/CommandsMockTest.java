package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class CommandsMockTest {

  static final String NS = "bench";
  KubernetesMockServer server;
  KubernetesClient client;
  private Cli cli;
  private final KubernetesSerialization yaml = new KubernetesSerialization();

  @TempDir Path dir;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    cli = new Cli(client);
  }

  private Qperf inCluster(String name) {
    return client.resources(Qperf.class).inNamespace(NS).withName(name).get();
  }

  private void finish(String name, QperfPhase phase, String headline, String log, int exitCode) {
    endClient(inCluster(name), 1, log, exitCode);
    setStatus(name, new QperfStatus().setPhase(phase).setHeadline(headline)
        .setReason(phase == QperfPhase.Completed ? "Completed" : "QperfFailed").setMessage("done"));
  }

  /** The client pod of one repetition as the pipeline creates it, ended as the kubelet would, with its log. */
  private void endClient(Qperf q, int repetition, String log, int exitCode) {
    Pod pod = QperfManifests.clientPod(q, repetition);
    pod.getSpec().setNodeName("node-b");
    client.resource(pod).create();
    String podName = pod.getMetadata().getName();
    client.pods().inNamespace(NS).withName(podName).editStatus(p -> {
      p.setStatus(new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
          .withContainerStatuses(new ContainerStatusBuilder().withName("client").withNewState().withNewTerminated()
              .withExitCode(exitCode).endTerminated().endState().build()).build());
      return p;
    });
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + podName + "/log?pretty=false&container=client")
        .andReturn(200, log).always();
  }

  private void setStatus(String name, QperfStatus status) {
    Qperf q = inCluster(name);
    q.setStatus(status.setRunning(false).setCompleted(true).setServerNode("node-a").setClientNode("node-b"));
    client.resource(q).updateStatus();
  }

  @Test
  void createFromFlags() {
    Cli.Run run = cli.run("create", "pod2pod", "-n", NS, "--tests", "tcp_bw,tcp_lat", "--options=-v -t 10",
        "--cross-node", "--timeout", "5m", "--sinks", "file");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("qperf.perf.kubestone.xridge.io/pod2pod created\n", run.out());
    Qperf q = inCluster("pod2pod");
    assertEquals(List.of("tcp_bw", "tcp_lat"), q.getSpec().tests());
    assertEquals("-v -t 10", q.getSpec().options());
    assertEquals(300L, q.getSpec().timeoutSeconds());
    assertEquals(List.of("file"), q.getSpec().sinks());
    var anti = q.getSpec().client().scheduling().affinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
    assertEquals("kubernetes.io/hostname", anti.getTopologyKey());
    assertEquals("pod2pod", anti.getLabelSelector().getMatchLabels().get("app.kubernetes.io/instance"));
    assertEquals("server", anti.getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"));
  }

  @Test
  void dryRunPrintsExactlyWhatCreateSends() {
    String[] args = {"q1", "-n", NS, "--tests", "tcp_lat", "--server-node", "n1", "--client-node", "n2",
        "--host-network", "--service-type", "ClusterIP"};
    Cli.Run dry = cli.run(concat(new String[] {"create", "--dry-run=client", "-o", "yaml"}, args));
    assertEquals(0, dry.exitCode(), dry.err());
    assertNull(inCluster("q1"), "a dry run creates nothing");
    Qperf printed = yaml.unmarshal(dry.out(), Qperf.class);
    assertEquals(0, cli.run(concat(new String[] {"create"}, args)).exitCode());
    Qperf sent = inCluster("q1");
    assertEquals(printed.getSpec(), sent.getSpec());
    assertEquals(printed.getMetadata().getName(), sent.getMetadata().getName());
    assertEquals(printed.getMetadata().getNamespace(), sent.getMetadata().getNamespace());
    assertEquals("n1", sent.getSpec().server().scheduling().nodeSelector().get("kubernetes.io/hostname"));
    assertEquals(Boolean.TRUE, sent.getSpec().client().hostNetwork());
  }

  @Test
  void createFromAKubestoneManifest() throws Exception {
    Path manifest = dir.resolve("sample.yaml");
    try (InputStream in = getClass().getResourceAsStream("/samples/perf_v1alpha1_qperf.yaml")) {
      Files.write(manifest, in.readAllBytes());
    }
    Cli.Run run = cli.run("create", "-f", manifest.toString(), "-n", NS);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("--verbose --time 10", inCluster("qperf-sample").getSpec().options());
    Cli.Run again = cli.run("create", "-f", manifest.toString(), "-n", NS);
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
  }

  @Test
  void createRejectsBadInputWithUsageCode() {
    Cli.Run bad = cli.run("create", "x", "-n", NS, "--tests", "tcp_foo", "--options", "-n 10");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().startsWith("error: invalid Qperf: spec.tests[0]: unknown qperf test 'tcp_foo'"), bad.err());
    assertNull(inCluster("x"));
    assertEquals(2, cli.run("create", "x", "-n", NS).exitCode(), "--tests is required");
    assertEquals(2, cli.run("create", "x", "--tests", "tcp_bw", "--cross-node", "--same-node").exitCode());
    assertEquals(2, cli.run("create", "x", "--tests", "tcp_bw", "--timeout", "soon").exitCode());
    assertEquals(2, cli.run("create", "x", "--tests", "tcp_bw", "--dry-run=server").exitCode());
    assertEquals(3, cli.run("create", "-f", dir.resolve("missing.yaml").toString()).exitCode());
    assertFalse(bad.err().contains("Exception"), "no stack trace without -v");
  }

  @Test
  void getPrintsAKubectlTable() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw,tcp_lat");
    cli.run("create", "b", "-n", NS, "--tests", "udp_lat");
    finish("a", QperfPhase.Completed, "tcp_bw 1.81 GB/sec, tcp_lat 6.99 us", "", 0);
    Cli.Run run = cli.run("get", "-n", NS);
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertTrue(lines[0].matches("NAME\\s+PHASE\\s+TESTS\\s+RESULT\\s+VERDICT\\s+AGE"), lines[0]);
    assertTrue(lines[1].matches("a\\s+Completed\\s+tcp_bw,tcp_lat\\s+tcp_bw 1.81 GB/sec, tcp_lat 6.99 us\\s+\\d+s"),
        lines[1]);
    assertTrue(lines[2].matches("b\\s+Pending\\s+udp_lat\\s+\\d+s"), lines[2]);

    Cli.Run wide = cli.run("get", "a", "-n", NS, "-o", "wide");
    assertTrue(wide.out().split("\n")[0].endsWith("REASON      SERVER   CLIENT   FAMILY"), wide.out());
    assertTrue(wide.out().contains("node-a   node-b"), wide.out());
    assertEquals("qperf.perf.kubestone.xridge.io/a\nqperf.perf.kubestone.xridge.io/b\n",
        cli.run("get", "-n", NS, "-o", "name").out());
    assertTrue(cli.run("get", "-A").out().startsWith("NAMESPACE"), "all namespaces add a column");
  }

  @Test
  void getJsonParsesBack() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw");
    Qperf one = yaml.unmarshal(cli.run("get", "a", "-n", NS, "-o", "json").out(), Qperf.class);
    assertEquals("a", one.getMetadata().getName());
    String list = cli.run("get", "-n", NS, "-o", "json").out();
    assertTrue(list.contains("\"kind\" : \"List\"") || list.contains("\"kind\":\"List\""), list);
  }

  @Test
  void getMissingIsNotFound() {
    Cli.Run run = cli.run("get", "nope", "-n", NS);
    assertEquals(3, run.exitCode());
    assertEquals("error: qperves.perf.kubestone.xridge.io \"nope\" not found in namespace bench\n", run.err());
    Cli.Run empty = cli.run("get", "-n", "empty");
    assertEquals(0, empty.exitCode());
    assertEquals("No resources found in empty namespace.\n", empty.err());
  }

  @Test
  void describeTellsTheStory() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw");
    finish("a", QperfPhase.Failed, "tcp_bw failed", "", 1);
    Qperf q = inCluster("a");
    q.getStatus().setSinks(new java.util.LinkedHashMap<>(java.util.Map.of(
        "file", new SinkDelivery(SinkDelivery.State.Delivered, 1, null, "2026-11-25T10:00:00Z", null),
        "slack", new SinkDelivery(SinkDelivery.State.Failed, 3, "the Slack webhook answered HTTP 500", null,
            "slack/bench.a.u1.json"))));
    client.resource(q).updateStatus();
    Cli.Run run = cli.run("describe", "a", "-n", NS);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Name:         a\n"), run.out());
    assertTrue(run.out().contains("Phase:        Failed\n"), run.out());
    assertTrue(run.out().contains("Reason:       QperfFailed\n"), run.out());
    assertTrue(run.out().contains("Server node:  node-a\n"), run.out());
    assertTrue(run.out().contains("Events:\n  <none>"), run.out());
    assertTrue(run.out().matches("(?s).*file +Delivered +1 +delivered 2026-11-25T10:00:00Z\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*slack +Failed +3 +the Slack webhook answered HTTP 500 "
        + "\\(dead letter: slack/bench.a.u1.json\\)\n.*"), run.out());
  }

  @Test
  void resultsAndLogsComeFromTheClientPod() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw");
    String log = "tcp_bw:\n    bw  =  2.01 GB/sec\n";
    finish("a", QperfPhase.Completed, "tcp_bw 2.01 GB/sec", log, 0);
    Cli.Run table = cli.run("results", "a", "-n", NS);
    assertEquals(0, table.exitCode(), table.err());
    assertTrue(table.out().contains("tcp_bw   ok       bw       2.01 GB/sec   2010000000 B/s"), table.out());
    var doc = new ResultJson().read(cli.run("results", "a", "-n", NS, "-o", "json").out());
    assertEquals("a", doc.run().name());
    assertEquals("node-b", doc.run().clientNode());
    assertEquals(log, cli.run("logs", "a", "-n", NS).out());
    Cli.Run noServer = cli.run("logs", "a", "-n", NS, "--server");
    assertEquals(3, noServer.exitCode());
    assertTrue(noServer.err().contains("no server pod"), noServer.err());
  }

  @Test
  void resultsOfARunWithoutClientIsNotFound() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw");
    Cli.Run run = cli.run("results", "a", "-n", NS);
    assertEquals(3, run.exitCode());
    assertTrue(run.err().contains("has no client pod a-client"), run.err());
  }

  @Test
  void deleteByNameAndAll() {
    cli.run("create", "a", "-n", NS, "--tests", "tcp_bw");
    cli.run("create", "b", "-n", NS, "--tests", "tcp_bw");
    cli.run("create", "c", "-n", NS, "--tests", "tcp_bw");
    Cli.Run one = cli.run("delete", "a", "-n", NS);
    assertEquals("qperf.perf.kubestone.xridge.io \"a\" deleted\n", one.out());
    Cli.Run missing = cli.run("delete", "a", "-n", NS);
    assertEquals(3, missing.exitCode());
    assertEquals(0, cli.run("delete", "--all", "-n", NS).exitCode());
    assertTrue(client.resources(Qperf.class).inNamespace(NS).list().getItems().isEmpty());
    assertEquals(2, cli.run("delete", "-n", NS).exitCode());
  }

  @Test
  void createWaitFollowsTheRunAndExitsWithItsOutcome() throws Exception {
    // A thread of its own: blocking the common pool (one worker on two cores) starves the client.
    var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    CompletableFuture<Cli.Run> waiting = CompletableFuture.supplyAsync(() ->
        cli.run("create", "w", "-n", NS, "--tests", "tcp_bw", "--wait"), executor);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> inCluster("w") != null || waiting.isDone());
    assertFalse(waiting.isDone(), () -> "create --wait ended early: " + waiting.join());
    finish("w", QperfPhase.Failed, "tcp_bw failed", "tcp_bw:\nserver: unable to make SCTP socket\n", 1);
    Cli.Run run = waiting.get(20, TimeUnit.SECONDS);
    executor.shutdown();
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("w: Failed (QperfFailed): done"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("tcp_bw\\s+FAILED\\s+server: unable to make SCTP socket")),
        run.out());
  }

  private static String tcp(String bandwidth, String latency) {
    return "tcp_bw:\n    bw  =  " + bandwidth + "\ntcp_lat:\n    latency  =  " + latency + "\n";
  }

  /** A run of three repetitions that the pipeline ended, with its verdict in the status. */
  private void repeatedRun(String name, Verdict.Outcome verdict, String... bandwidths) {
    assertEquals(0, cli.run("create", name, "-n", NS, "--tests", "tcp_bw,tcp_lat", "--repetitions",
        String.valueOf(bandwidths.length), "--threshold", "tcp_bw bw at least 1 GB/sec",
        "--threshold", "tcp_lat latency p99 at most 5 us").exitCode());
    for (int n = 1; n <= bandwidths.length; n++) {
      endClient(inCluster(name), n, tcp(bandwidths[n - 1], "7.0" + n + " us"), 0);
    }
    setStatus(name, new QperfStatus().setPhase(QperfPhase.Completed).setReason("Completed").setMessage("done")
        .setVerdict(verdict));
  }

  @Test
  void aParallelRunShowsEachStreamTheirSumAndTheSkew() {
    assertEquals(0, cli.run("create", "par", "-n", NS, "--tests", "tcp_bw", "--parallel", "2",
        "--threshold", "tcp_bw bw sum at least 3 GB/sec").exitCode());
    Qperf q = inCluster("par");
    assertEquals(2, q.getSpec().parallel());
    Pod pod = QperfManifests.clientPod(q, 1);
    pod.getSpec().setNodeName("node-b");
    client.resource(pod).create();
    client.pods().inNamespace(NS).withName("par-client").editStatus(p -> {
      p.setStatus(new PodStatusBuilder().withPhase("Succeeded").withContainerStatuses(
          new ContainerStatusBuilder().withName("client").withNewState().withNewTerminated().withExitCode(0)
              .endTerminated().endState().build(),
          new ContainerStatusBuilder().withName("client-2").withNewState().withNewTerminated().withExitCode(0)
              .endTerminated().endState().build()).build());
      return p;
    });
    for (String c : List.of("client", "client-2")) {
      String log = "qperf-stream-start uptime=" + (c.equals("client") ? "10.00" : "10.04") + "\ntcp_bw:\n    bw  =  "
          + (c.equals("client") ? "1.5" : "2") + " GB/sec\n";
      server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/par-client/log?pretty=false&container=" + c)
          .andReturn(200, log).always();
    }
    setStatus("par", new QperfStatus().setPhase(QperfPhase.Completed).setReason("Completed").setMessage("done")
        .setHeadline("tcp_bw sum 3.5 GB/sec (2 streams, 1.5 GB/sec–2 GB/sec)").setStartSkewSeconds(0.04));

    Cli.Run results = cli.run("results", "par", "-n", NS);
    assertEquals(0, results.exitCode(), results.err());
    String out = results.out();
    assertTrue(out.contains("tcp_bw (stream 2)"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("1\\s+tcp_bw\\s+bw\\s+2\\s+3.5 GB/sec\\s+1.75 GB/sec\\s+1.5 GB/sec\\s+2 GB/sec")),
        out);
    assertTrue(out.contains("repetition 1: streams started 0.04 s apart"), out);
    assertTrue(out.contains("✓ tcp_bw bw sum at least 3 GB/sec: tcp_bw bw sum mean 3.5 GB/sec"), out);
    String described = cli.run("describe", "par", "-n", NS).out();
    assertTrue(described.contains("Parallel:     2 streams"), described);
    assertTrue(described.contains("Start skew:   0.04 s between the first and the last stream"), described);
    assertTrue(cli.run("get", "par", "-n", NS).out().contains("tcp_bw sum 3.5 GB/sec"));
    assertTrue(cli.run("logs", "par", "-n", NS, "--stream", "2").out().contains("bw  =  2 GB/sec"));
    Cli.Run noSuch = cli.run("logs", "par", "-n", NS, "--stream", "3");
    assertEquals(2, noSuch.exitCode());
    assertTrue(noSuch.err().contains("run par has 2 streams, got 3"), noSuch.err());
  }

  @Test
  void createTakesRepetitionsAndThresholdsAndRejectsABadRule() {
    Cli.Run dry = cli.run("create", "gate", "-n", NS, "--tests", "tcp_bw", "--repetitions", "5",
        "--threshold", "tcp_bw bw at least 1 GB/sec", "--threshold", "cv at most 10 %", "--dry-run=client", "-o",
        "yaml");
    assertEquals(0, dry.exitCode(), dry.err());
    Qperf q = yaml.unmarshal(dry.out(), Qperf.class);
    assertEquals(5, q.getSpec().repetitions());
    assertEquals(List.of("tcp_bw bw at least 1 GB/sec", "cv at most 10 %"), q.getSpec().thresholds());

    Cli.Run bad = cli.run("create", "gate", "-n", NS, "--tests", "tcp_bw", "--threshold", "tcp_bw bw at least 1 GB/s");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("spec.thresholds[0]: 'tcp_bw bw at least 1 GB/s': '1 GB/s' is not a number with a "
        + "unit qperf prints; bw takes bytes/sec, KB/sec, MB/sec, GB/sec"), bad.err());
    assertNull(inCluster("gate"), "nothing is created");
  }

  @Test
  void resultsOfARepeatedRunShowEveryRepetitionTheStatisticsAndTheVerdict() {
    repeatedRun("reps", Verdict.Outcome.Failed, "1.80 GB/sec", "1.90 GB/sec", "2.00 GB/sec");
    Cli.Run run = cli.run("results", "reps", "-n", NS);
    assertEquals(1, run.exitCode(), "a failed verdict fails the command: " + run.err());
    String out = run.out();
    assertTrue(out.lines().anyMatch(l -> l.matches("3\\s+tcp_bw\\s+ok\\s+bw\\s+2.00 GB/sec.*")), out);
    assertTrue(out.contains("Statistics over 3 repetitions:"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("tcp_bw\\s+bw\\s+3\\s+1.9 GB/sec\\s+100 MB/sec\\s+5.3%.*"
        + "1.65 GB/sec – 2.15 GB/sec")), out);
    assertTrue(out.contains("Verdict: Failed\n"
        + "  ✓ tcp_bw bw at least 1 GB/sec: tcp_bw bw mean 1.9 GB/sec\n"
        + "  ✗ tcp_lat latency p99 at most 5 us: tcp_lat latency p99 7.03 us is not at most 5 us"), out);

    var doc = new ResultJson().read(cli.run("results", "reps", "-n", NS, "-o", "json").out());
    assertEquals(3, doc.repetitions().size());
    assertEquals(3, doc.statistics().get(0).count());
    assertEquals(Verdict.Outcome.Failed, doc.verdict().result());
    assertEquals("tcp_bw:\n    bw  =  1.90 GB/sec\ntcp_lat:\n    latency  =  7.02 us\n",
        cli.run("logs", "reps", "-n", NS, "--repetition", "2").out());
    Cli.Run noSuch = cli.run("logs", "reps", "-n", NS, "--repetition", "4");
    assertEquals(2, noSuch.exitCode());
    assertTrue(noSuch.err().contains("run reps has 3 repetitions, got 4"), noSuch.err());
  }

  @Test
  void describeAndGetShowTheVerdict() {
    repeatedRun("reps", Verdict.Outcome.Passed, "1.80 GB/sec", "1.90 GB/sec");
    Qperf q = inCluster("reps");
    var doc = new ResultJson().read(cli.run("results", "reps", "-n", NS, "-o", "json").out());
    q.getStatus().setStatistics(doc.statistics());
    client.resource(q).updateStatus();
    String describe = cli.run("describe", "reps", "-n", NS).out();
    assertTrue(describe.contains("Repetitions:  2\n"), describe);
    assertTrue(describe.contains("Thresholds:   tcp_bw bw at least 1 GB/sec; tcp_lat latency p99 at most 5 us"),
        describe);
    assertTrue(describe.contains("Verdict:      Passed"), describe);
    assertTrue(describe.contains("Statistics:\n  TEST"), describe);
    assertTrue(describe.lines().anyMatch(l -> l.matches("  tcp_lat\\s+latency\\s+2\\s+7.01 us.*")), describe);
    String get = cli.run("get", "-n", NS).out();
    assertTrue(get.lines().anyMatch(l -> l.matches("reps\\s+Completed\\s+tcp_bw,tcp_lat\\s+Passed\\s+.*")), get);
  }

  @Test
  void createWaitExitsOneWhenAThresholdFails() throws Exception {
    var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    CompletableFuture<Cli.Run> waiting = CompletableFuture.supplyAsync(() -> cli.run("create", "g", "-n", NS,
        "--tests", "tcp_bw,tcp_lat", "--threshold", "tcp_lat latency at most 5 us", "--wait"), executor);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> inCluster("g") != null || waiting.isDone());
    endClient(inCluster("g"), 1, tcp("2.02 GB/sec", "7.02 us"), 0);
    setStatus("g", new QperfStatus().setPhase(QperfPhase.Completed).setReason("Completed").setMessage("done")
        .setVerdict(Verdict.Outcome.Failed));
    Cli.Run run = waiting.get(20, TimeUnit.SECONDS);
    executor.shutdown();
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("g: Completed: done"), run.out());
    assertTrue(run.out().contains("✗ tcp_lat latency at most 5 us: tcp_lat latency mean 7.02 us is not at most 5 us"),
        run.out());
  }

  @Test
  void compareSavedResultsShowsARegressionAndExitsOne() throws Exception {
    repeatedRun("before", Verdict.Outcome.Passed, "1.80 GB/sec", "1.90 GB/sec", "2.00 GB/sec");
    repeatedRun("after", Verdict.Outcome.Passed, "1.20 GB/sec", "1.25 GB/sec", "1.30 GB/sec");
    Path baseline = dir.resolve("baseline.json");
    Files.writeString(baseline, cli.run("results", "before", "-n", NS, "-o", "json").out());
    Path candidate = dir.resolve("candidate.json");
    Files.writeString(candidate, cli.run("results", "after", "-n", NS, "-o", "json").out());

    Cli.Run worse = cli.run("compare", baseline.toString(), candidate.toString());
    assertEquals(1, worse.exitCode(), worse.out() + worse.err());
    assertTrue(worse.out().lines().anyMatch(l -> l.matches(
        "tcp_bw\\s+bw\\s+1.9 GB/sec \\(n=3\\)\\s+1.25 GB/sec \\(n=3\\)\\s+-34.2%\\s+95% CIs apart\\s+REGRESSION")),
        worse.out());
    assertTrue(worse.out().endsWith("1 regression\n"), worse.out());

    Cli.Run same = cli.run("compare", baseline.toString(), baseline.toString());
    assertEquals(0, same.exitCode(), same.out() + same.err());
    assertTrue(same.out().endsWith("no regression\n"), same.out());

    Cli.Run fromCluster = cli.run("compare", baseline.toString(), "after", "-n", NS);
    assertEquals(1, fromCluster.exitCode(), "a run name reads the run from the cluster: " + fromCluster.err());

    Cli.Run missing = cli.run("compare", dir.resolve("nope.json").toString(), candidate.toString());
    assertEquals(3, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
    String line = new ResultJson().line(new ResultJson().read(Files.readString(baseline)));
    Path jsonLines = Files.writeString(dir.resolve("results.jsonl"), line + "\n" + line + "\n");
    Cli.Run several = cli.run("compare", jsonLines.toString(), candidate.toString());
    assertEquals(2, several.exitCode());
    assertTrue(several.err().contains("holds 2 result documents; save one with `kubectl qperf results NAME -o json`"),
        several.err());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
    Cli.Run bad = cli.run("compare", garbage.toString(), candidate.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("not a qperf result document"), bad.err());
  }

  @Test
  void completionScripts() {
    Cli.Run bash = cli.run("completion", "bash");
    assertEquals(0, bash.exitCode());
    assertTrue(bash.out().contains("complete -F"), "a bash completion function");
    assertTrue(bash.out().contains("describe"));
    assertTrue(cli.run("completion", "zsh").out().startsWith("autoload -U +X compinit"));
    assertEquals(2, cli.run("completion", "fish").exitCode());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

}

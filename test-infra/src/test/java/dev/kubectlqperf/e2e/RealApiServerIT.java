package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.pipeline.Pipeline;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.InfluxServer;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product on a real kube-apiserver (with controller-manager and scheduler): schema, RBAC from
 * deploy/ (the pipeline impersonates its ServiceAccount), garbage collection, and real qperf runs
 * through the node simulator.
 */
@ExtendWith(ControlPlane.Extension.class)
class RealApiServerIT {

  private static final Path SAMPLE = Path.of("..", "shared-model", "src", "test", "resources", "samples",
      "perf_v1alpha1_qperf.yaml");
  private static ControlPlane cluster;
  private static KubernetesClient admin;
  private static KubeletLogServer logs;
  private static NodeSimulator nodes;

  @BeforeAll
  static void setUp(ControlPlane controlPlane) throws Exception {
    cluster = controlPlane;
    admin = cluster.admin();
    check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-k", "../deploy/cluster-wide"));
    check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-k", "../deploy/namespaced"));
    ProductManifests.awaitCrdEstablished(admin);
    // The tests run the pipeline in-process, under the same ServiceAccount and RBAC.
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "qperf-system", "scale", "deployment/qperf-pipeline",
        "--replicas", "0"));
    logs = new KubeletLogServer();
    nodes = new NodeSimulator(admin, List.of("node-a", "node-b"), logs);
    nodes.start();
    await("simulated nodes Ready").atMost(Duration.ofSeconds(30)).until(nodes::nodesReady);
  }

  @AfterAll
  static void tearDown() {
    if (nodes != null) {
      nodes.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private static Shell.Result check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
    return r;
  }

  private static void namespace(String name) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
  }

  /** The pipeline as deployed: acting as qperf-system/qperf-pipeline under deploy/'s RBAC. */
  private static Pipeline pipeline(String namespaces, boolean leaderElection) throws Exception {
    return pipeline(namespaces, leaderElection, Map.of());
  }

  private static Pipeline pipeline(String namespaces, boolean leaderElection, Map<String, String> sinks)
      throws Exception {
    KubernetesClient asServiceAccount = cluster.as("qperf-system", "qperf-pipeline");
    Map<String, String> env = new HashMap<>(sinks);
    env.putAll(Map.of(PipelineConfig.NAMESPACES, namespaces, PipelineConfig.RESYNC_SECONDS, "5",
        PipelineConfig.LEADER_ELECTION, String.valueOf(leaderElection),
        PipelineConfig.LEASE_NAMESPACE, "qperf-system"));
    Pipeline p = new Pipeline(asServiceAccount, PipelineConfig.fromMap(env), Clock.systemUTC(), Step.Listener.NONE,
        Map.of(), List.of());
    p.start();
    return p;
  }

  private static Qperf awaitFinal(String ns, String name) throws Exception {
    try {
      await(ns + "/" + name + " ends").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
        Qperf q = admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
        return q != null && q.getStatus() != null && q.getStatus().getPhase() != null
            && q.getStatus().getPhase().isFinal();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + Kubectl.kubectl(cluster.kubeconfig(), "get",
          "nodes,qperves,deploy,rs,pods,svc,endpoints", "-A", "-o", "wide").out(), e);
    }
    return admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
  }

  /** The run with its client started (phase Running), or ended; on a timeout, what the cluster holds. */
  private static Qperf awaitRunningOrFinal(String ns, String name) throws Exception {
    try {
      await(ns + "/" + name + " running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
          .until(() -> {
            Qperf q = admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
            QperfPhase phase = q == null || q.getStatus() == null ? null : q.getStatus().getPhase();
            return phase == QperfPhase.Running || phase != null && phase.isFinal();
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + Kubectl.kubectl(cluster.kubeconfig(), "get",
          "nodes,qperves,deploy,rs,pods,svc,endpoints", "-A", "-o", "wide").out()
          + Kubectl.kubectl(cluster.kubeconfig(), "get", "events", "-n", ns).out(), e);
    }
    return admin.resources(Qperf.class).inNamespace(ns).withName(name).get();
  }

  private static void awaitServerGone(String ns, String name) {
    await(ns + "/" + name + " server deleted").atMost(Duration.ofMinutes(1)).until(() ->
        admin.apps().deployments().inNamespace(ns).withName(name).get() == null
            && admin.services().inNamespace(ns).withName(name).get() == null
            && admin.pods().inNamespace(ns).withLabels(Map.of(QperfResources.LABEL_INSTANCE, name,
                QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_SERVER)).list().getItems().isEmpty());
  }

  @Test
  void crdSchemaRejectsBadRunsAndKubectlShowsThePrinterColumns() throws Exception {
    namespace("compat");
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "compat", "apply", "-f", SAMPLE.toString()));
    Path bad = Files.createTempFile("bad", ".yaml");
    Files.writeString(bad, "apiVersion: perf.kubestone.xridge.io/v1alpha1\nkind: Qperf\nmetadata: {name: bad}\n"
        + "spec: {tests: []}\n");
    Shell.Result rejected = Kubectl.kubectl(cluster.kubeconfig(), "-n", "compat", "apply", "-f", bad.toString());
    assertEquals(1, rejected.exitCode());
    assertTrue(rejected.err().contains("spec.tests in body should have at least 1 items"), rejected.err());
    String header = check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "compat", "get", "qperves")).out().lines()
        .findFirst().orElseThrow();
    assertTrue(header.matches("NAME\\s+PHASE\\s+TESTS\\s+RESULT\\s+VERDICT\\s+RUNNING\\s+COMPLETED\\s+AGE"), header);
    check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "compat", "delete", "qperf", "qperf-sample"));
  }

  /**
   * Real qperf, five repetitions each, one run whose thresholds hold and one whose latency rule
   * cannot: the status, the exit code of create --wait, InfluxDB and Slack all tell the same verdict.
   */
  @Test
  void repetitionsAndThresholdsGiveOneVerdictEverywhere() throws Exception {
    namespace("e2e-verdict");
    try (InfluxServer influx = InfluxServer.start("qperf"); SlackReceiver slack = new SlackReceiver();
        Pipeline ignored = pipeline("e2e-verdict", false, Map.of(SinkConfig.SINKS, "influxdb,slack",
            SinkConfig.INFLUXDB_URL, influx.url(), SinkConfig.INFLUXDB_DATABASE, "qperf",
            SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl()))) {
      Shell.Result pass = Kubectl.plugin(cluster.kubeconfig(), "create", "gate-pass", "-n", "e2e-verdict",
          "--tests", "tcp_bw,tcp_lat", "--options=-t 1", "--repetitions", "5",
          "--threshold", "tcp_bw bw at least 1 MB/sec", "--threshold", "tcp_lat latency p99 at most 100 ms",
          "--wait");
      Shell.Result fail = Kubectl.plugin(cluster.kubeconfig(), "create", "gate-fail", "-n", "e2e-verdict",
          "--tests", "tcp_bw,tcp_lat", "--options=-t 1", "--repetitions", "5",
          "--threshold", "tcp_bw bw at least 1 MB/sec", "--threshold", "tcp_lat latency p99 at most 1 ns",
          "--wait");

      assertEquals(0, pass.exitCode(), pass.out() + pass.err());
      assertTrue(pass.out().contains("Statistics over 5 repetitions:") && pass.out().contains("Verdict: Passed"),
          pass.out());
      assertEquals(1, fail.exitCode(), fail.out() + fail.err());
      assertTrue(fail.out().contains("✗ tcp_lat latency p99 at most 1 ns: tcp_lat latency p99 "), fail.out());

      Qperf passed = awaitFinal("e2e-verdict", "gate-pass");
      Qperf failed = awaitFinal("e2e-verdict", "gate-fail");
      assertEquals(QperfPhase.Completed, passed.getStatus().getPhase());
      assertEquals(QperfPhase.Completed, failed.getStatus().getPhase(), "every repetition ran; only a rule failed");
      assertEquals(Verdict.Outcome.Passed, passed.getStatus().getVerdict());
      assertEquals(Verdict.Outcome.Failed, failed.getStatus().getVerdict());
      assertEquals(5, passed.getStatus().getStatistics().get(0).count());
      assertEquals("False", failed.getStatus().getConditions().stream()
          .filter(c -> c.getType().equals("ThresholdsMet")).findFirst().orElseThrow().getStatus());
      for (int n = 1; n <= 5; n++) {
        assertNotNull(admin.pods().inNamespace("e2e-verdict").withName(QperfResources.clientPodName(failed, n)).get(),
            "client pod of repetition " + n + " kept");
      }

      await("both runs in InfluxDB and Slack").atMost(Duration.ofSeconds(30)).until(() -> slack.posts().size() >= 2
          && influx.rows("SELECT mean FROM qperf_stats WHERE metric = 'latency'", "qperf") == 2);
      assertEquals(5, influx.rows("SELECT bw FROM qperf WHERE run = 'gate-pass' AND verdict = 'Passed'", "qperf"));
      assertEquals(5, influx.rows("SELECT latency FROM qperf WHERE run = 'gate-fail' AND verdict = 'Failed'", "qperf"));
      JsonNode stats = influx.query("SELECT \"count\", p99 FROM qperf_stats WHERE run = 'gate-fail' AND "
          + "metric = 'latency'", "qperf").path("series").path(0).path("values").path(0);
      assertEquals(5, stats.path(1).asInt());
      assertEquals(failed.getStatus().getStatistics().get(1).p99(), stats.path(2).asDouble(), 1e-12,
          "InfluxDB holds the p99 the status shows");

      ObjectMapper json = new ObjectMapper();
      JsonNode passPost = json.readTree(slack.posts().stream().filter(p -> p.body().contains("gate-pass"))
          .findFirst().orElseThrow().body());
      JsonNode failPost = json.readTree(slack.posts().stream().filter(p -> p.body().contains("gate-fail"))
          .findFirst().orElseThrow().body());
      assertTrue(passPost.get("text").asText().startsWith(":white_check_mark: Qperf *e2e-verdict/gate-pass* passed"),
          passPost.toString());
      assertEquals("good", passPost.path("attachments").path(0).path("color").asText());
      assertTrue(failPost.get("text").asText().startsWith(":x: Qperf *e2e-verdict/gate-fail* failed its thresholds: "
          + "tcp_lat latency p99 at most 1 ns"), failPost.toString());
      assertEquals("danger", failPost.path("attachments").path(0).path("color").asText());
    }
  }

  @Test
  void kubestoneSampleCompletesThroughThePluginUnderClusterWideRbac() throws Exception {
    namespace("e2e-sample");
    try (Pipeline ignored = pipeline("*", true)) {
      Shell.Result run = Kubectl.plugin(cluster.kubeconfig(), "create", "-f", SAMPLE.toString(), "-n", "e2e-sample",
          "--wait");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("qperf-sample: Completed"), run.out());
      Qperf done = awaitFinal("e2e-sample", "qperf-sample");
      assertEquals(QperfPhase.Completed, done.getStatus().getPhase());
      QperfResult printed = QperfOutputParser.parse(nodes.clientLog("e2e-sample", "qperf-sample-client"), 0);
      assertEquals(printed.tests().get(0).metrics().get("bw").text(),
          done.getStatus().getResults().get(0).metrics().get("bw").text());
      assertEquals(printed.tests().get(1).metrics().get("latency").text(),
          done.getStatus().getResults().get(1).metrics().get("latency").text());
      assertTrue(run.out().contains(printed.tests().get(1).metrics().get("latency").text()), run.out());
      awaitServerGone("e2e-sample", "qperf-sample");
      assertNotNull(admin.pods().inNamespace("e2e-sample").withName("qperf-sample-client").get(), "client pod kept");
      assertTrue(Kubectl.kubectl(cluster.kubeconfig(), "-n", "e2e-sample", "logs", "qperf-sample-client").out()
          .contains("tcp_lat:"), "kubectl logs takes the real path to the node");
      String events = check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "e2e-sample", "get", "events",
          "--field-selector", "involvedObject.name=qperf-sample", "-o", "custom-columns=REASON:.reason")).out();
      for (String reason : List.of("Accepted", "ServerCreated", "ClientStarted", "ServerDeleted", "Completed")) {
        assertTrue(events.contains(reason), "event " + reason + " recorded under the RBAC: " + events);
      }
    }
  }

  @Test
  void namespacedRbacFlavourRunsInItsNamespace() throws Exception {
    try (Pipeline ignored = pipeline("qperf-bench", false)) {
      check(Kubectl.plugin(cluster.kubeconfig(), "create", "ns1", "-n", "qperf-bench", "--tests", "tcp_lat",
          "--options", "-t 1", "--timeout", "90"));
      assertEquals(QperfPhase.Completed, awaitFinal("qperf-bench", "ns1").getStatus().getPhase());
      awaitServerGone("qperf-bench", "ns1");
    }
  }

  @Test
  void unsupportedTestFailsWithQperfsMessageAndTheServerIsRemoved() throws Exception {
    namespace("e2e-fail");
    try (Pipeline ignored = pipeline("*", false)) {
      Shell.Result run = Kubectl.plugin(cluster.kubeconfig(), "create", "sctp", "-n", "e2e-fail", "--tests",
          "sctp_bw", "--options", "-t 1", "--timeout", "90", "--wait");
      assertEquals(1, run.exitCode(), run.out() + run.err());
      Qperf failed = awaitFinal("e2e-fail", "sctp");
      assertEquals("QperfFailed", failed.getStatus().getReason());
      // qperf relays the server's reason, though now and then with an empty text ("server: ").
      String expected = QperfOutputParser.parse(nodes.clientLog("e2e-fail", "sctp-client"), 1).tests().get(0).error();
      assertTrue(expected.startsWith("server: "), expected);
      assertEquals(expected, failed.getStatus().getMessage());
      awaitServerGone("e2e-fail", "sctp");
    }
  }

  @Test
  void deletingARunMidwayLeavesNothingBehind() throws Exception {
    namespace("e2e-delete");
    try (Pipeline ignored = pipeline("*", false)) {
      check(Kubectl.plugin(cluster.kubeconfig(), "create", "long", "-n", "e2e-delete", "--tests", "tcp_lat",
          "--options", "-t 60", "--timeout", "120"));
      Qperf running = awaitRunningOrFinal("e2e-delete", "long");
      assertEquals(QperfPhase.Running, running.getStatus().getPhase(), "the run ended before it could be deleted "
          + "midway: " + running.getStatus().getReason() + ": " + running.getStatus().getMessage());
      await("client running").atMost(Duration.ofMinutes(1)).until(() -> {
        var pod = admin.pods().inNamespace("e2e-delete").withName("long-client").get();
        return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
      });
      check(Kubectl.plugin(cluster.kubeconfig(), "delete", "long", "-n", "e2e-delete"));
      await("everything of the run is gone").atMost(Duration.ofMinutes(2)).until(() ->
          admin.pods().inNamespace("e2e-delete").list().getItems().isEmpty()
              && admin.apps().deployments().inNamespace("e2e-delete").list().getItems().isEmpty()
              && admin.services().inNamespace("e2e-delete").list().getItems().isEmpty());
    }
  }

  @Test
  void installShInstallsTheProductStartsThePipelineAndUninstalls() throws Exception {
    namespace("e2e-install");
    Path prefix = Files.createTempDirectory("prefix");
    Path state = Files.createTempDirectory("state");
    Map<String, String> env = Map.of("KUBECONFIG", cluster.kubeconfig().toString(),
        "XDG_STATE_HOME", state.toString(), "JAVA_HOME", System.getProperty("java.home"));
    String[] install = {"bash", "../install.sh", "--prefix", prefix.toString(), "--no-packages", "--skip-build",
        "--namespaces", "e2e-install"};
    try {
      Shell.Result first = Shell.run(env, install);
      assertEquals(0, first.exitCode(), first.out() + first.err());
      assertTrue(first.out().contains("installed " + prefix.resolve("bin/kubectl-qperf")), first.out());
      assertTrue(first.out().contains("started the local pipeline"), first.out());

      Shell.Result run = Shell.run(env, prefix.resolve("bin/kubectl-qperf").toString(), "create", "inst", "-n",
          "e2e-install", "--tests", "tcp_lat", "--options", "-t 1", "--timeout", "90", "--wait");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("inst: Completed"), run.out());
      assertTrue(run.out().contains("latency"), run.out());

      Path results = state.resolve("kubectl-qperf/results/results.jsonl");
      await("the run in the local file sink").atMost(Duration.ofSeconds(20))
          .until(() -> Files.exists(results) && Files.readString(results).contains("\"name\":\"inst\""));

      Shell.Result again = Shell.run(env, install);
      assertTrue(again.out().contains("is up to date (nothing changed)"), again.out());
      assertTrue(again.out().contains("the local pipeline is already running"), again.out());
    } finally {
      Shell.Result stop = Shell.run(env, "bash", "../install.sh", "--stop");
      assertTrue(stop.out().contains("stopped the local pipeline"), stop.out());
    }
    Shell.Result uninstall = Shell.run(env, "bash", "../install.sh", "--prefix", prefix.toString(), "--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertTrue(Files.notExists(prefix.resolve("bin/kubectl-qperf")));
    assertTrue(Files.notExists(prefix.resolve("bin/qperf-pipeline")));
    assertTrue(Files.notExists(prefix.resolve("lib/kubectl-qperf")));
    assertTrue(Files.notExists(state.resolve("kubectl-qperf/pipeline.pid")));
    assertTrue(uninstall.out().contains("kept your results"), uninstall.out());
    assertTrue(Files.exists(state.resolve("kubectl-qperf/results/results.jsonl")), "results are the user's data");
    assertNotNull(admin.resources(Qperf.class).inNamespace("e2e-install").withName("inst").get(),
        "uninstall never deletes the user's runs");
  }

  @Test
  void installShInClusterAppliesTheDeploymentAndASecondRunChangesNothing() throws Exception {
    Path prefix = Files.createTempDirectory("prefix");
    Map<String, String> env = Map.of("KUBECONFIG", cluster.kubeconfig().toString(),
        "XDG_STATE_HOME", Files.createTempDirectory("state").toString(), "JAVA_HOME", System.getProperty("java.home"));
    String[] install = {"bash", "../install.sh", "--prefix", prefix.toString(), "--no-packages", "--skip-build",
        "--in-cluster"};
    try {
      Shell.Result first = Shell.run(env, install);
      assertEquals(0, first.exitCode(), first.out() + first.err());
      assertTrue(first.out().contains("deployed the pipeline to namespace qperf-system"), first.out());
      var deployment = admin.apps().deployments().inNamespace("qperf-system").withName("qperf-pipeline").get();
      var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertEquals("/observe/health/ready", container.getReadinessProbe().getHttpGet().getPath());
      assertEquals("/observe/health/live", container.getLivenessProbe().getHttpGet().getPath());

      Shell.Result again = Shell.run(env, install);
      assertEquals(0, again.exitCode(), again.out() + again.err());
      assertFalse(again.out().matches("(?s).*\\b(created|configured)\\b.*"), again.out());
    } finally {
      check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "qperf-system", "scale", "deployment/qperf-pipeline",
          "--replicas", "0"));
      Shell.run(env, "bash", "../install.sh", "--prefix", prefix.toString(), "--uninstall");
    }
  }

  @Test
  void everyQperfManifestInTheReadmeApplies() throws Exception {
    namespace("readme");
    String readme = Files.readString(Path.of("..", "README.md"));
    var blocks = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(readme);
    int applied = 0;
    while (blocks.find()) {
      if (!blocks.group(1).contains("kind: Qperf")) {
        continue;
      }
      Path manifest = Files.createTempFile("readme", ".yaml");
      Files.writeString(manifest, blocks.group(1));
      check(Kubectl.kubectl(cluster.kubeconfig(), "-n", "readme", "apply", "--dry-run=server", "-f", manifest.toString()));
      applied++;
    }
    assertTrue(applied > 0, "the README shows at least one Qperf manifest");
  }

  @Test
  void aRunSurvivesAnApiServerRestartThatClosesEveryWatch() throws Exception {
    namespace("e2e-restart");
    try (Pipeline ignored = pipeline("*", false)) {
      check(Kubectl.plugin(cluster.kubeconfig(), "create", "restart", "-n", "e2e-restart", "--tests", "tcp_lat",
          "--options", "-t 8", "--timeout", "120"));
      await("client running").atMost(Duration.ofMinutes(1)).until(() -> {
        var pod = admin.pods().inNamespace("e2e-restart").withName("restart-client").get();
        return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
      });
      cluster.restartApiServer();
      assertEquals(QperfPhase.Completed, awaitFinal("e2e-restart", "restart").getStatus().getPhase());
      awaitServerGone("e2e-restart", "restart");
    }
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.pipeline.Pipeline;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl qperf doctor} as a process against a real kube-apiserver (Kubernetes 1.20, no Pod
 * Security admission, no NetworkPolicy enforcement: doctor reads the objects). First a bare
 * cluster (no CRDs, no pipeline), then the product's manifests, a pipeline in this JVM holding the
 * Lease under deploy/'s RBAC and two simulated nodes: healthy; then each failing check made for real.
 */
@ExtendWith(ControlPlane.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {

  private static final String NS = "doctor";
  private static final List<String> NODES = List.of("doc-1", "doc-2");
  private static final String TAINT_KEY = "qperf-doctor-test";
  private static ControlPlane cluster;
  private static KubernetesClient admin;
  private static Path noLocalPipeline;
  private static KubeletLogServer logs;
  private static NodeSimulator nodes;
  private static Pipeline pipeline;

  @BeforeAll
  static void setUp(ControlPlane plane) throws Exception {
    cluster = plane;
    admin = plane.admin();
    // install.sh's state directory, empty: a local pipeline of this host's user is not this cluster's.
    noLocalPipeline = Files.createTempDirectory("doctor-state");
    namespace(NS, Map.of());
  }

  @AfterAll
  static void tearDown() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (admin != null) {
      for (String ns : List.of(NS, "doctor-restricted", "doctor-policy", "doctor-fix")) {
        admin.namespaces().withName(ns).delete();
      }
      admin.close();
    }
  }

  @Test
  @Order(1)
  void aBareClusterLacksTheCrdsAndThePipelineAndSaysHowToInstallThem() throws Exception {
    // Earlier test classes on this control plane applied the CRDs: remove them for this one check.
    for (String crd : List.of(Qperf.CRD_NAME, QperfMatrix.CRD_NAME)) {
      admin.apiextensions().v1().customResourceDefinitions().withName(crd).delete();
    }
    await("CRDs gone").atMost(Duration.ofSeconds(60)).until(() -> admin.apiextensions().v1()
        .customResourceDefinitions().withName(Qperf.CRD_NAME).get() == null && admin.apiextensions().v1()
        .customResourceDefinitions().withName(QperfMatrix.CRD_NAME).get() == null);

    Doctor d = doctor("-n", NS);
    assertEquals(1, d.exit(), d.table());
    assertEquals("fail", d.status("crd Qperf"), d.table());
    assertEquals(Qperf.CRD_NAME + " is not installed", d.detail("crd Qperf"));
    assertTrue(d.fix("crd Qperf").contains("kubectl apply -f crd/" + Qperf.CRD_NAME + ".yaml"), d.fix("crd Qperf"));
    assertEquals("fail", d.status("crd QperfMatrix"));
    assertEquals("fail", d.status("pipeline"), d.table());
    assertTrue(d.fix("pipeline").contains("install.sh") || d.fix("pipeline").contains("logs deploy/qperf-pipeline"),
        d.fix("pipeline"));
  }

  @Test
  @Order(2)
  void aHealthySetupPasses() throws Exception {
    healthy();
    Shell.Result table = Kubectl.plugin(env(), cluster.kubeconfig(), "doctor", "-n", NS, "--cross-node");
    System.out.println("doctor on a healthy setup:\n" + table.out());
    assertEquals(0, table.exitCode(), table.out() + table.err());
    assertTrue(table.out().lines().findFirst().orElseThrow().matches("CHECK +STATUS +DETAIL +FIX"), table.out());
    assertTrue(table.out().lines().skip(1).allMatch(l -> l.matches("[a-z:A-Z ]+ [✓!] .*")), table.out());
    Doctor d = doctor("-n", NS, "--cross-node");
    assertEquals(0, d.exit(), d.table());
    assertTrue(d.checks().values().stream().noneMatch(c -> c.get("status").asText().equals("fail")), d.table());
    assertTrue(d.detail("pipeline").startsWith("leading: doctor-it holds Lease qperf-system/qperf-pipeline"),
        d.detail("pipeline"));
    assertEquals("watches every namespace", d.detail("pipeline namespaces"));
    assertEquals("pass", d.status("crd Qperf"));
    assertEquals("pass", d.status("rights: logs"));
    assertTrue(d.detail("nodes").contains("doc-1") && d.detail("nodes").contains("doc-2"), d.detail("nodes"));
    assertTrue(d.detail("pod security").endsWith("(label only read: no Pod Security admission before Kubernetes 1.23)"),
        d.detail("pod security"));
    assertEquals("no NetworkPolicy isolates the benchmark pods", d.detail("network policy"));
    assertEquals("single-stack IPv4 (the API server has no dual-stack support): a run asking IPv6 fails with "
        + "IpFamilyNotOffered", d.detail("ip families"), "Kubernetes 1.20 without the IPv6DualStack gate");
    assertEquals("", d.err());
  }

  @Test
  @Order(3)
  void aTaintThatLeavesOneNodeFailsACrossNodeRunWithTheTolerationThatWouldAdmitIt() throws Exception {
    healthy();
    // Every other Ready node is tainted too (earlier classes' simulated nodes may still look Ready).
    List<String> tainted = new ArrayList<>();
    for (Node n : admin.nodes().list().getItems()) {
      if (!n.getMetadata().getName().equals("doc-1")) {
        tainted.add(n.getMetadata().getName());
        admin.nodes().withName(n.getMetadata().getName()).edit(node -> {
          node.getSpec().setTaints(new ArrayList<>(node.getSpec().getTaints() == null ? List.of() : node.getSpec()
              .getTaints()));
          node.getSpec().getTaints().add(new TaintBuilder().withKey(TAINT_KEY).withValue("gpu").withEffect("NoSchedule")
              .build());
          return node;
        });
      }
    }
    try {
      Doctor d = doctor("-n", NS, "--cross-node");
      assertEquals(1, d.exit(), d.table());
      assertEquals("fail", d.status("nodes"), d.table());
      assertTrue(d.detail("nodes").startsWith("1 of "), d.detail("nodes"));
      assertEquals("fail", d.status("taints"));
      assertTrue(d.detail("taints").contains("doc-2: " + TAINT_KEY + "=gpu:NoSchedule"), d.detail("taints"));
      assertTrue(d.fix("taints").contains("{key: " + TAINT_KEY + ", operator: Equal, value: gpu, effect: NoSchedule}"),
          d.fix("taints"));
      Doctor oneNode = doctor("-n", NS);
      assertEquals("pass", oneNode.status("nodes"), "a same-node run needs one node");
      assertEquals("warn", oneNode.status("taints"));
    } finally {
      for (String name : tainted) {
        admin.nodes().withName(name).edit(node -> {
          node.getSpec().getTaints().removeIf(t -> TAINT_KEY.equals(t.getKey()));
          return node;
        });
      }
    }
  }

  @Test
  @Order(4)
  void aRestrictedNamespaceFailsAHostNetworkRunOnly() throws Exception {
    healthy();
    namespace("doctor-restricted", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    Doctor host = doctor("-n", "doctor-restricted", "--host-network");
    assertEquals(1, host.exit(), host.table());
    assertEquals("fail", host.status("pod security"));
    assertTrue(host.detail("pod security").startsWith("doctor-restricted enforces restricted; a host-network run "
        + "needs privileged"), host.detail("pod security"));
    assertTrue(host.fix("pod security").endsWith("kubectl label ns doctor-restricted "
        + "pod-security.kubernetes.io/enforce=privileged --overwrite"), host.fix("pod security"));
    Doctor pods = doctor("-n", "doctor-restricted");
    assertEquals("pass", pods.status("pod security"));
    assertEquals(0, pods.exit(), pods.table());
  }

  @Test
  @Order(5)
  void aDenyAllPolicyFailsAndTheDryRunFixAppliesCleanlyAndAdmitsTheRun() throws Exception {
    healthy();
    namespace("doctor-policy", Map.of());
    denyAll("doctor-policy");
    Doctor blocked = doctor("-n", "doctor-policy", "--service-type", "ClusterIP");
    assertEquals(1, blocked.exit(), blocked.table());
    assertEquals("fail", blocked.status("network policy"));
    assertTrue(blocked.detail("network policy").contains("into the server 19765/TCP (deny-all)"),
        blocked.detail("network policy"));
    assertTrue(blocked.fix("network policy").startsWith("kubectl qperf doctor -n doctor-policy --fix"));

    Shell.Result yaml = Kubectl.plugin(env(), cluster.kubeconfig(), "doctor", "-n", "doctor-policy", "--service-type",
        "ClusterIP", "--fix", "--dry-run=client", "-o", "yaml");
    assertEquals(0, yaml.exitCode(), yaml.err());
    Path file = Files.createTempFile("qperf-benchmark", ".yaml");
    Files.writeString(file, yaml.out());
    Shell.Result applied = Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f", file.toString());
    assertEquals(0, applied.exitCode(), applied.err());
    assertEquals("networkpolicy.networking.k8s.io/qperf-benchmark created\n", applied.out());

    Doctor fixed = doctor("-n", "doctor-policy", "--service-type", "ClusterIP");
    assertEquals("pass", fixed.status("network policy"), fixed.table());
    assertEquals(0, fixed.exit(), fixed.table());
  }

  @Test
  @Order(6)
  void fixWithYesAppliesThePolicyAndTheRunPasses() throws Exception {
    healthy();
    namespace("doctor-fix", Map.of());
    denyAll("doctor-fix");
    Shell.Result run = Kubectl.plugin(env(), cluster.kubeconfig(), "doctor", "-n", "doctor-fix", "--fix", "--yes");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("networkpolicy.networking.k8s.io/qperf-benchmark applied in doctor-fix"), run.out());
    assertTrue(run.out().contains("network policy now: ✓ deny-all, qperf-benchmark select the benchmark pods"),
        run.out());
    var policy = admin.network().v1().networkPolicies().inNamespace("doctor-fix").withName("qperf-benchmark").get();
    assertTrue(policy.getSpec().getIngress().get(0).getPorts() == null
        || policy.getSpec().getIngress().get(0).getPorts().isEmpty(), "Headless: every port between the benchmark pods");
  }

  @Test
  @Order(7)
  void aUserWithoutRightsIsToldWhatTheyLackNotAStackTrace() throws Exception {
    healthy();
    Doctor d = doctor("-n", NS, "--as", "nobody");
    assertEquals(1, d.exit(), d.table());
    assertEquals("", d.err());
    for (String command : List.of("create", "get", "logs", "delete")) {
      assertEquals("fail", d.status("rights: " + command), d.table());
      assertTrue(d.fix("rights: " + command).endsWith("--role=qperf-" + command + " --user=nobody"),
          d.fix("rights: " + command));
    }
    assertTrue(d.detail("rights: logs").contains("get pods/log"), d.detail("rights: logs"));
    assertEquals("warn", d.status("nodes"), "cannot list nodes: a warning, not an error");
    assertTrue(d.detail("nodes").startsWith("cannot read nodes: "), d.detail("nodes"));
    assertEquals("warn", d.status("crd Qperf"));
    assertEquals("warn", d.status("ip families"), "neither the dry run nor the kubernetes Service may be read");
  }

  private static synchronized void healthy() throws Exception {
    if (pipeline != null) {
      return;
    }
    ProductManifests.applyClusterWideWithoutItsPipeline(cluster.kubeconfig(), admin);
    await("the QperfMatrix CRD established").atMost(Duration.ofSeconds(60)).until(() -> {
      var crd = admin.apiextensions().v1().customResourceDefinitions().withName(QperfMatrix.CRD_NAME).get();
      return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
    logs = new KubeletLogServer();
    nodes = new NodeSimulator(admin, NODES, logs);
    nodes.start();
    await("simulated nodes Ready").atMost(Duration.ofSeconds(30)).until(nodes::nodesReady);
    pipeline = new Pipeline(cluster.as("qperf-system", "qperf-pipeline"), PipelineConfig.fromMap(Map.of(
        PipelineConfig.NAMESPACES, "*", PipelineConfig.LEADER_ELECTION, "true",
        PipelineConfig.LEASE_NAMESPACE, "qperf-system", PipelineConfig.IDENTITY, "doctor-it")),
        Clock.systemUTC(), Step.Listener.NONE, Map.of(), List.of());
    pipeline.start();
    await("the pipeline holds its Lease").atMost(Duration.ofSeconds(60)).until(() -> {
      var lease = admin.leases().inNamespace("qperf-system").withName("qperf-pipeline").get();
      return lease != null && "doctor-it".equals(lease.getSpec().getHolderIdentity());
    });
  }

  private static void namespace(String name, Map<String, String> labels) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build()).createOr(NonDeletingOperation::update);
  }

  private static void denyAll(String ns) {
    admin.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder().withNewMetadata()
        .withName("deny-all").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
        .withPolicyTypes("Ingress", "Egress").endSpec().build()).createOr(NonDeletingOperation::update);
  }

  private static Map<String, String> env() {
    return Map.of("XDG_STATE_HOME", noLocalPipeline.toString());
  }

  /** doctor with -o json, read by check name; its rows kept as text for assertion messages. */
  private static Doctor doctor(String... args) throws Exception {
    List<String> jsonArgs = new ArrayList<>(List.of(concat("doctor", args)));
    jsonArgs.addAll(List.of("-o", "json"));
    Shell.Result json = Kubectl.plugin(env(), cluster.kubeconfig(), jsonArgs.toArray(String[]::new));
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    StringBuilder rows = new StringBuilder();
    try {
      for (JsonNode c : new ObjectMapper().readTree(json.out()).get("checks")) {
        checks.put(c.get("check").asText(), c);
        rows.append(c.get("check").asText()).append(" | ").append(c.get("status").asText()).append(" | ")
            .append(c.get("detail").asText()).append(" | ").append(c.get("fix").asText()).append('\n');
      }
    } catch (RuntimeException e) {
      throw new AssertionError("not doctor's json: " + json.out() + json.err(), e);
    }
    return new Doctor(json.exitCode(), rows.toString(), json.err(), checks);
  }

  private static String[] concat(String first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private record Doctor(int exit, String table, String err, Map<String, JsonNode> checks) {
    String status(String check) {
      return field(check, "status");
    }

    String detail(String check) {
      return field(check, "detail");
    }

    String fix(String check) {
      return field(check, "fix");
    }

    private String field(String check, String field) {
      JsonNode c = checks.get(check);
      assertTrue(c != null, "no check '" + check + "' in:\n" + table);
      return c.get(field).asText();
    }
  }
}

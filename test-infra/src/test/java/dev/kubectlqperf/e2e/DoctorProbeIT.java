package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code doctor --probe} on real nodes (a real kubelet, container runtime and CNI): a pod per node
 * runs the qperf image and reports the interface MTU and IPv6; an image that cannot be pulled is a
 * failed probe; the probe pods are gone afterwards, also when doctor is stopped (Ctrl-C, SIGTERM)
 * while they run. The CNI here is a plain bridge, so NetworkPolicies are not enforced on this tier.
 */
@ExtendWith(RealNodes.Extension.class)
class DoctorProbeIT {

  private static final Map<String, String> PROBE_PODS = Map.of("app.kubernetes.io/component", "doctor-probe");
  private static RealNodes cluster;
  private static RealNodeRuns runs;
  private static KubernetesClient admin;
  private static Map<String, String> env;

  @BeforeAll
  static void setUp(RealNodes nodes) throws Exception {
    cluster = nodes;
    runs = RealNodeRuns.open(nodes);
    admin = runs.admin();
    env = Map.of("XDG_STATE_HOME", Files.createTempDirectory("doctor-state").toString());
  }

  @AfterAll
  static void tearDown() {
    if (runs != null) {
      runs.close();
    }
  }

  @Test
  void aProbePerNodeReportsTheImageTheMtuAndIpv6AndLeavesNoPod() throws Exception {
    String ns = "doctor-probe";
    runs.namespace(ns);
    Shell.Result run = Kubectl.plugin(env, cluster.kubeconfig(), "doctor", "-n", ns, "--probe", "-o", "json");
    JsonNode report = new ObjectMapper().readTree(run.out());
    List<JsonNode> probes = new ArrayList<>();
    report.get("checks").forEach(c -> {
      if (c.get("check").asText().startsWith("probe ")) {
        probes.add(c);
      }
    });
    int ready = (int) admin.nodes().list().getItems().stream().filter(n -> n.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
    assertEquals(ready + 1, probes.size(), "a probe per node and the MTU row: " + run.out() + run.err());
    for (JsonNode p : probes) {
      assertEquals("pass", p.get("status").asText(), p.toString());
    }
    assertTrue(probes.stream().anyMatch(p -> p.get("detail").asText().matches("xridge/qperf:0\\.4\\.11-r0 runs; "
        + "\\w+ MTU \\d+; IPv6 on")), probes.toString());
    assertTrue(admin.pods().inNamespace(ns).withLabels(PROBE_PODS).list().getItems().isEmpty());
  }

  @Test
  void anImageThatCannotBePulledFailsTheProbeWithinItsTimeout() throws Exception {
    String ns = "doctor-probe-pull";
    runs.namespace(ns);
    Shell.Result run = Kubectl.plugin(env, cluster.kubeconfig(), "doctor", "-n", ns, "--probe", "--image",
        "registry.invalid/qperf:none", "--probe-timeout", "60s", "-o", "json");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    JsonNode report = new ObjectMapper().readTree(run.out());
    boolean failed = false;
    for (JsonNode c : report.get("checks")) {
      if (c.get("check").asText().startsWith("probe ")) {
        assertEquals("fail", c.get("status").asText(), c.toString());
        assertTrue(c.get("detail").asText().startsWith("registry.invalid/qperf:none did not run: "), c.toString());
        failed = true;
      }
    }
    assertTrue(failed, run.out());
    assertTrue(admin.pods().inNamespace(ns).withLabels(PROBE_PODS).list().getItems().isEmpty());
  }

  @Test
  void stoppingDoctorWhileItsProbesRunDeletesThem() throws Exception {
    String ns = "doctor-probe-stop";
    runs.namespace(ns);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("..", "plugin", "target", "kubectl-qperf.jar").toString(), "doctor", "-n", ns, "--probe",
        "--image", "registry.invalid/qperf:none", "--probe-timeout", "5m"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
    pb.environment().putAll(env);
    Process doctor = pb.start();
    try {
      // The pod sandbox alone takes the kubelet longer than this wait: doctor is still waiting on its probes.
      await("probe pods created").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
          .until(() -> !admin.pods().inNamespace(ns).withLabels(PROBE_PODS).list().getItems().isEmpty());
      doctor.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
      await("doctor ended").atMost(Duration.ofSeconds(30)).until(() -> !doctor.isAlive());
      assertEquals(143, doctor.exitValue(), "stopped by the signal, not ended on its own");
      await("probe pods deleted").atMost(Duration.ofSeconds(30))
          .until(() -> admin.pods().inNamespace(ns).withLabels(PROBE_PODS).list().getItems().isEmpty());
    } finally {
      doctor.destroyForcibly();
    }
  }
}

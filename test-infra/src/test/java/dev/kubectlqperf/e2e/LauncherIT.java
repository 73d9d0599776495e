package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The installed launcher on a real API server (TLS, client certificates): the warm helper answers
 * get, describe and results exactly as a new JVM does, and goes away when told, when idle, or
 * when the plugin is reinstalled. What it refuses to trust: {@link LauncherAttacksIT}.
 */
@ExtendWith(ControlPlane.Extension.class)
class LauncherIT {

  private static final String NS = "e2e-launcher";
  private static final Map<String, String> OFF = Map.of("KUBECTL_QPERF_HELPER", "off");
  private static ControlPlane cluster;
  private static Path prefix;
  private static InstalledLauncher launcher;

  @BeforeAll
  static void install(ControlPlane controlPlane) throws Exception {
    cluster = controlPlane;
    prefix = InstalledLauncher.install();
    launcher = new InstalledLauncher(prefix, cluster.kubeconfig(), InstalledLauncher.newHelperDirectory());
    applyCrdAndRuns(cluster, launcher, NS);
  }

  /** The CRD, a namespace and two runs in it: what the launcher's tests read. */
  static void applyCrdAndRuns(ControlPlane cluster, InstalledLauncher launcher, String namespace) throws Exception {
    Shell.Result crd = Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f",
        "../crd/qperves.perf.kubestone.xridge.io.yaml");
    assertEquals(0, crd.exitCode(), crd.err());
    try (KubernetesClient admin = cluster.admin()) {
      ProductManifests.awaitCrdEstablished(admin);
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .createOr(NonDeletingOperation::update);
      for (String name : List.of("run-a", "run-b")) {
        if (admin.resources(Qperf.class).inNamespace(namespace).withName(name).get() == null) {
          InstalledLauncher.Result created = launcher.call(OFF, "create", name, "-n", namespace, "--tests",
              "tcp_bw,tcp_lat");
          assertEquals(0, created.exitCode(), created.err());
        }
      }
    }
  }

  @AfterAll
  static void nothingLeftRunning() throws Exception {
    launcher.stopHelpers();
    InstalledLauncher.Result uninstall = InstalledLauncher.run(Map.of("KUBECTL_QPERF_HELPER_DIR",
        launcher.helpers().toString()), Path.of(""), "bash", "../install.sh", "--prefix", prefix.toString(),
        "--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertTrue(uninstall.out().contains("removed " + launcher.helpers()), uninstall.out());
    assertFalse(Files.exists(launcher.helpers()), "--uninstall removes the helper directory");
  }

  @Test
  void theHelperAnswersExactlyAsANewJvmDoes() throws Exception {
    String[] json = {"get", "-n", NS, "-o", "json"};
    InstalledLauncher.Result cold = launcher.call(OFF, json);
    assertEquals(0, cold.exitCode(), cold.err());
    assertTrue(cold.out().contains("\"name\":\"run-b\""), cold.out());
    assertTrue(launcher.stateFiles().isEmpty(), "KUBECTL_QPERF_HELPER=off starts no helper");

    InstalledLauncher.Result first = launcher.call(json);
    assertEquals(cold.out(), first.out(), "the first call runs in a new JVM");
    long pid = launcher.awaitHelper();

    InstalledLauncher.Result served = launcher.call(json);
    assertEquals(0, served.exitCode(), served.err());
    assertEquals(cold.out(), served.out());
    assertEquals("", served.err());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> launcher.log(pid).contains("served: get -n " + NS + " -o json (exit 0"));

    InstalledLauncher.Result missingCold = launcher.call(OFF, "describe", "nope", "-n", NS);
    InstalledLauncher.Result missing = launcher.call("describe", "nope", "-n", NS);
    assertEquals(3, missing.exitCode());
    assertEquals(missingCold.err(), missing.err());
    assertEquals("", missing.out());
    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.log(pid).contains("served: describe nope"));

    // A kubeconfig relative to the caller's directory: the helper declines, a new JVM answers.
    String relative = Path.of("").toAbsolutePath().relativize(cluster.kubeconfig()).toString();
    InstalledLauncher.Result declined = launcher.call("get", "run-a", "-n", NS, "--kubeconfig", relative, "-o", "name");
    assertEquals("qperf.perf.kubestone.xridge.io/run-a\n", declined.out(), declined.err());
    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.log(pid).contains("declined: get run-a"));
    assertEquals(List.of(pid), launcher.helperPids(), "a declined call starts no second helper");

    InstalledLauncher.Result status = launcher.call("helper", "status");
    assertTrue(status.out().matches("(?s)PID\\s+PORT\\s+AGE\\s+KUBECONFIG\n" + pid + "\\s.*"), status.out());
    InstalledLauncher.Result stop = launcher.call("helper", "stop");
    assertEquals("stopped the helper (pid " + pid + ")\n", stop.out(), stop.err());
    assertFalse(InstalledLauncher.alive(pid));
    assertTrue(launcher.stateFiles().isEmpty());
    assertEquals("no helper is running\n", launcher.call("helper", "status").out());
  }

  @Test
  void theHelperGoesAwayWhenIdleOrWhenThePluginIsReinstalled() throws Exception {
    assertEquals(0, launcher.call(Map.of("KUBECTL_QPERF_HELPER_IDLE", "1"), "get", "-n", NS).exitCode());
    long idle = launcher.awaitHelper();
    await("idle exit").atMost(Duration.ofSeconds(30)).until(() -> !InstalledLauncher.alive(idle));
    assertTrue(launcher.stateFiles().isEmpty(), "an idle helper removes its state file");

    assertEquals(0, launcher.call("describe", "run-a", "-n", NS).exitCode());
    long old = launcher.awaitHelper();
    Path jar = prefix.resolve("lib/kubectl-qperf/kubectl-qperf.jar");
    FileTime installed = Files.getLastModifiedTime(jar);
    try {
      Files.setLastModifiedTime(jar, FileTime.from(installed.toInstant().plusSeconds(1)));
      await("exit after a reinstall").atMost(Duration.ofSeconds(30)).until(() -> !InstalledLauncher.alive(old));
      assertTrue(launcher.stateFiles().isEmpty(), "a reinstalled helper removes its state file");
    } finally {
      Files.setLastModifiedTime(jar, installed);
    }
  }
}

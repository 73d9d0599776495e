package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The installed launcher on a real API server (TLS, client certificates): the warm helper answers
 * get, describe and results exactly as a new JVM does, and goes away when told, when idle, or
 * when the plugin is reinstalled.
 */
@ExtendWith(ControlPlane.Extension.class)
class LauncherIT {

  private static final String NS = "e2e-launcher";
  private static final Map<String, String> OFF = Map.of("KUBECTL_QPERF_HELPER", "off");
  private static ControlPlane cluster;
  private static Path prefix;
  private static Path helpers;

  @BeforeAll
  static void install(ControlPlane controlPlane) throws Exception {
    cluster = controlPlane;
    prefix = Files.createTempDirectory("prefix");
    helpers = Files.createTempDirectory("helpers");
    Shell.Result install = Shell.run(Map.of("JAVA_HOME", System.getProperty("java.home")), "bash", "../install.sh",
        "--prefix", prefix.toString(), "--no-packages", "--skip-build", "--skip-cluster");
    assertEquals(0, install.exitCode(), install.out() + install.err());
    assertEquals(0, Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f",
        "../crd/qperves.perf.kubestone.xridge.io.yaml").exitCode());
    assertEquals(0, Kubectl.kubectl(cluster.kubeconfig(), "wait", "--for", "condition=established", "--timeout",
        "60s", "crd/" + Qperf.CRD_NAME).exitCode());
    try (KubernetesClient admin = cluster.admin()) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .createOr(NonDeletingOperation::update);
    }
    for (String name : List.of("run-a", "run-b")) {
      Shell.Result created = launcher(OFF, "create", name, "-n", NS, "--tests", "tcp_bw,tcp_lat");
      assertEquals(0, created.exitCode(), created.err());
    }
  }

  @AfterAll
  static void nothingLeftRunning() throws Exception {
    List<Long> pids = helperPids();
    Shell.Result stop = launcher(Map.of(), "helper", "stop");
    assertEquals(0, stop.exitCode(), stop.err());
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // only if stop failed
    assertTrue(pids.stream().noneMatch(LauncherIT::alive), "helpers still running: " + pids);
    assertEquals(0, Shell.run(Map.of(), "bash", "../install.sh", "--prefix", prefix.toString(), "--uninstall")
        .exitCode());
  }

  private static Shell.Result launcher(Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(Map.of("KUBECONFIG", cluster.kubeconfig().toString(),
        "KUBECTL_QPERF_HELPER_DIR", helpers.toString()));
    env.putAll(extraEnv);
    String[] command = Stream.concat(Stream.of(prefix.resolve("bin/kubectl-qperf").toString()), Stream.of(args))
        .toArray(String[]::new);
    return Shell.run(env, command);
  }

  private static List<Path> stateFiles() throws IOException {
    try (Stream<Path> files = Files.list(helpers)) {
      return files.filter(f -> !f.getFileName().toString().contains(".")).toList();
    }
  }

  private static List<Long> helperPids() throws IOException {
    return stateFiles().stream().map(LauncherIT::pidIn).flatMap(Optional::stream).toList();
  }

  private static Optional<Long> pidIn(Path state) {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(state).get(0).split(" ")[2]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The helper the last call started: its state file is published once it listens. */
  private static long awaitHelper() throws IOException {
    await("a helper").atMost(Duration.ofSeconds(30)).until(() -> helperPids().size() == 1);
    return helperPids().get(0);
  }

  private static String log(long pid) throws IOException {
    for (Path state : stateFiles()) {
      if (pidIn(state).orElse(-1L) == pid) {
        return Files.readString(state.resolveSibling(state.getFileName() + ".log"));
      }
    }
    return "";
  }

  @Test
  void theHelperAnswersExactlyAsANewJvmDoes() throws Exception {
    String[] json = {"get", "-n", NS, "-o", "json"};
    Shell.Result cold = launcher(OFF, json);
    assertEquals(0, cold.exitCode(), cold.err());
    assertTrue(cold.out().contains("\"name\":\"run-b\""), cold.out());
    assertTrue(stateFiles().isEmpty(), "KUBECTL_QPERF_HELPER=off starts no helper");

    Shell.Result first = launcher(Map.of(), json);
    assertEquals(cold.out(), first.out(), "the first call runs in a new JVM");
    long pid = awaitHelper();

    Shell.Result served = launcher(Map.of(), json);
    assertEquals(0, served.exitCode(), served.err());
    assertEquals(cold.out(), served.out());
    assertEquals("", served.err());
    await().atMost(Duration.ofSeconds(10)).until(() -> log(pid).contains("served: get -n " + NS + " -o json (exit 0"));

    Shell.Result missingCold = launcher(OFF, "describe", "nope", "-n", NS);
    Shell.Result missing = launcher(Map.of(), "describe", "nope", "-n", NS);
    assertEquals(3, missing.exitCode());
    assertEquals(missingCold.err(), missing.err());
    assertEquals("", missing.out());
    await().atMost(Duration.ofSeconds(10)).until(() -> log(pid).contains("served: describe nope"));

    // A kubeconfig relative to the caller's directory: the helper declines, a new JVM answers.
    String relative = Path.of("").toAbsolutePath().relativize(cluster.kubeconfig()).toString();
    Shell.Result declined = launcher(Map.of(), "get", "run-a", "-n", NS, "--kubeconfig", relative, "-o", "name");
    assertEquals("qperf.perf.kubestone.xridge.io/run-a\n", declined.out(), declined.err());
    await().atMost(Duration.ofSeconds(10)).until(() -> log(pid).contains("declined: get run-a"));
    assertEquals(List.of(pid), helperPids(), "a declined call starts no second helper");

    Shell.Result status = launcher(Map.of(), "helper", "status");
    assertTrue(status.out().matches("(?s)PID\\s+PORT\\s+AGE\\s+KUBECONFIG\n" + pid + "\\s.*"), status.out());
    Shell.Result stop = launcher(Map.of(), "helper", "stop");
    assertEquals("stopped the helper (pid " + pid + ")\n", stop.out(), stop.err());
    assertFalse(alive(pid));
    assertTrue(stateFiles().isEmpty());
    assertEquals("no helper is running\n", launcher(Map.of(), "helper", "status").out());
  }

  @Test
  void theHelperGoesAwayWhenIdleOrWhenThePluginIsReinstalled() throws Exception {
    assertEquals(0, launcher(Map.of("KUBECTL_QPERF_HELPER_IDLE", "1"), "get", "-n", NS).exitCode());
    long idle = awaitHelper();
    await("idle exit").atMost(Duration.ofSeconds(30)).until(() -> !alive(idle));
    assertTrue(stateFiles().isEmpty(), "an idle helper removes its state file");

    assertEquals(0, launcher(Map.of(), "describe", "run-a", "-n", NS).exitCode());
    long old = awaitHelper();
    Path jar = prefix.resolve("lib/kubectl-qperf/kubectl-qperf.jar");
    FileTime installed = Files.getLastModifiedTime(jar);
    try {
      Files.setLastModifiedTime(jar, FileTime.from(installed.toInstant().plusSeconds(1)));
      await("exit after a reinstall").atMost(Duration.ofSeconds(30)).until(() -> !alive(old));
      assertTrue(stateFiles().isEmpty(), "a reinstalled helper removes its state file");
    } finally {
      Files.setLastModifiedTime(jar, installed);
    }
  }
}

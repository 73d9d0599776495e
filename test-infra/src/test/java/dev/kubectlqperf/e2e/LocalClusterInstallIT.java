package dev.kubectlqperf.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a machine with no cluster: install.sh brings up the embedded local
 * cluster (two real nodes) and ends with a benchmark between them; a second run changes nothing;
 * --uninstall leaves the host as it found it.
 */
@ExtendWith(RealNodes.Exclusive.class)
class LocalClusterInstallIT {

  /** Cluster start-up plus one benchmark, on a loaded 2-core machine; beyond this it has hung. */
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(8);
  private static final Pattern BANDWIDTH = Pattern.compile("tcp_bw +ok +bw +[0-9.]+ [KMG]B/sec");
  private static final Pattern LATENCY = Pattern.compile("tcp_lat +ok +latency +[0-9.]+ [nmu]?s");

  @TempDir Path tmp;
  /** Short: the nodes bind unix sockets under it (at most 107 bytes a path), so not under {@code tmp}. */
  private Path stateHome;

  @Test
  void withoutAClusterTheFirstCommandMeasuresBetweenTwoRealNodesAndUninstallRestoresTheHost() throws Exception {
    stateHome = Files.createTempDirectory(Path.of("/tmp"), "lc");
    try {
      installReinstallUninstall();
    } finally {
      if (Files.exists(state().resolve("local-cluster"))) {
        installSh("--uninstall"); // after a failure: the host as it was, for the tests that follow
      }
      InstalledLauncher.run(Map.of(), Path.of(""), "rm", "-rf", "--", stateHome.toString());
    }
  }

  private void installReinstallUninstall() throws Exception {
    String before = hostState();

    InstalledLauncher.Result first = installSh();
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertAll(
        () -> assertTrue(first.out().contains("first-run: Completed: all 2 test blocks succeeded"), first.out()),
        () -> assertTrue(BANDWIDTH.matcher(first.out()).find(), first.out()),
        () -> assertTrue(LATENCY.matcher(first.out()).find(), first.out()),
        () -> assertTrue(first.out().contains("export KUBECONFIG=" + state().resolve("local-cluster/kubeconfig")),
            first.out()),
        () -> assertEquals(2, Set.of(nodesOfTheFirstRun().split(" ")).size(), "server and client on two nodes"));

    InstalledLauncher.Result second = installSh();
    assertEquals(0, second.exitCode(), second.out() + second.err());
    assertAll(
        () -> assertTrue(second.err().contains("already up"), second.err()),
        () -> assertTrue(second.out().contains("already running"), second.out()),
        () -> assertTrue(second.out().contains("the first benchmark ran already"), second.out()),
        () -> assertFalse(second.out().contains(" created"), second.out()),
        () -> assertTrue(BANDWIDTH.matcher(second.out()).find(), second.out()));

    InstalledLauncher.Result uninstall = installSh("--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
    assertTrue(uninstall.out().contains("removed the local cluster"), uninstall.out());
    assertFalse(Files.exists(state().resolve("local-cluster")));
    assertEquals(before, hostState(), "bridges, iptables, mounts, sysctls and processes as before");
  }

  private Path state() {
    return stateHome.resolve("kubectl-qperf");
  }

  private InstalledLauncher.Result installSh(String... args) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home"),
        "HOME", tmp.resolve("home").toString(), "XDG_STATE_HOME", stateHome.toString(),
        "XDG_RUNTIME_DIR", tmp.resolve("runtime").toString(),
        // the Kubernetes build this machine made (.ci/run builds it), not one per test home
        "QPERF_CONTROL_PLANE_CACHE", kubernetesCache()));
    env.put("KUBECONFIG", null); // no cluster: HOME has no ~/.kube/config either
    env.put("KUBECTL_QPERF_HELPER_DIR", null);
    String[] command = Stream.concat(Stream.of("bash", "../install.sh", "--skip-build", "--prefix",
        tmp.resolve("prefix").toString()), Stream.of(args)).toArray(String[]::new);
    return InstalledLauncher.run(INSTALL_LIMIT, env, Path.of(""), command);
  }

  private String nodesOfTheFirstRun() throws IOException, InterruptedException {
    InstalledLauncher.Result run = InstalledLauncher.run(Map.of(), Path.of(""), "kubectl", "--kubeconfig",
        state().resolve("local-cluster/kubeconfig").toString(), "get", "qperf", "first-run", "-n", "default",
        "-o", "jsonpath={.status.serverNode} {.status.clientNode}");
    return run.out().trim();
  }

  private static String kubernetesCache() {
    String set = System.getenv("QPERF_CONTROL_PLANE_CACHE");
    return set != null ? set : Path.of(System.getProperty("user.home"), ".cache/kubectl-qperf/control-plane").toString();
  }

  /** What the local cluster touches on the host, and the processes that name this test's directory. */
  private String hostState() throws IOException, InterruptedException {
    String script = String.join("\n",
        "ip -o link show | awk -F': ' '{print $2}' | sort",
        "for t in filter nat mangle raw; do iptables-save -t $t | sed 's/\\[[0-9]*:[0-9]*\\]//'; done | grep -v '^#'",
        "sort /proc/mounts",
        "sysctl net.ipv4.ip_forward net.ipv4.conf.all.route_localnet vm.overcommit_memory kernel.panic");
    String processes = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
        .filter(line -> line.contains(tmp.toString()) || line.contains(stateHome.toString())).sorted().collect(Collectors.joining("\n"));
    return InstalledLauncher.run(Map.of(), Path.of(""), "bash", "-c", script).out() + processes;
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the installed launcher and its helper could be made to trust a file, a port or a
 * process that is not theirs fails safe: the call is answered correctly, by a new JVM when need
 * be, and nothing planted is run, truncated, signalled or told the caller's arguments.
 */
@ExtendWith(ControlPlane.Extension.class)
class LauncherAttacksIT {

  private static final String NS = "e2e-launcher-attacks";
  private static final String TOKEN = "0123456789abcdef".repeat(4);
  private static final String RUNS = "qperf.perf.kubestone.xridge.io/run-a\nqperf.perf.kubestone.xridge.io/run-b\n";
  private static ControlPlane cluster;
  private static Path prefix;

  @TempDir Path tmp;
  private InstalledLauncher launcher;
  private Process bystander;

  @BeforeAll
  static void install(ControlPlane controlPlane) throws Exception {
    cluster = controlPlane;
    prefix = InstalledLauncher.install();
    LauncherIT.applyCrdAndRuns(cluster, new InstalledLauncher(prefix, cluster.kubeconfig(),
        InstalledLauncher.newHelperDirectory()), NS);
  }

  @BeforeEach
  void newHelperDirectory() throws IOException {
    launcher = new InstalledLauncher(prefix, cluster.kubeconfig(), InstalledLauncher.newHelperDirectory());
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (bystander != null) {
      bystander.destroyForcibly();
    }
    InstalledLauncher.run(Map.of(), Path.of(""), "chown", "-R", "0", launcher.helpers().toString());
    launcher.stopHelpers();
  }

  /** The state file's name for this environment: the fingerprint, learnt from a real helper, which is then stopped. */
  private Path learnStateFile() throws Exception {
    assertEquals(RUNS, launcher.call("get", "-n", NS, "-o", "name").out());
    launcher.awaitHelper();
    Path state = launcher.stateFile();
    launcher.stopHelpers();
    return state;
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** What a listener that does not hold the token heard from the launcher, answering with shell arithmetic. */
  private static CompletableFuture<String> impostor(ServerSocket socket, Path pwned) {
    return CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream heard = new ByteArrayOutputStream();
      try (Socket s = socket.accept()) {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        heard.write(buffer, 0, Math.max(in.read(buffer), 0));
        s.getOutputStream().write(("0\na[$(touch " + pwned + ")]\nFAKE\n").getBytes(StandardCharsets.UTF_8));
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          heard.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // the launcher hung up (a reset: it left our answer unread)
      }
      return heard.toString(StandardCharsets.UTF_8);
    });
  }

  @Test
  void aHelperDirectoryOfAnotherUserIsIgnoredAndSaidSoOnce() throws Exception {
    assumeTrue("0".equals(InstalledLauncher.run(Map.of(), Path.of(""), "id", "-u").out().trim()),
        "giving a directory to another user takes root");
    Path state = learnStateFile();
    try (ServerSocket planted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Under sudo -E, HOME and XDG_RUNTIME_DIR still name the user's files: a helper of theirs.
      writeOwnerOnly(state, planted.getLocalPort() + " " + TOKEN + " " + ProcessHandle.current().pid() + "\n");
      assertEquals(0, InstalledLauncher.run(Map.of(), Path.of(""), "chown", "-R", "65534",
          launcher.helpers().toString()).exitCode());

      InstalledLauncher.Result call = launcher.call("get", "-n", NS, "-o", "name", "-v");
      assertEquals(RUNS, call.out(), call.err());
      assertEquals(1, call.err().split("not using the helper", -1).length - 1, call.err());
      assertTrue(call.err().contains(launcher.helpers() + " must be yours (uid 0)"), call.err());
      planted.setSoTimeout(1);
      assertTrue(nobodyConnected(planted), "the launcher never connected to the planted port");
    }
    assertEquals(List.of(state), launcher.stateFiles(), "no helper of root's is started in another user's directory");
    assertEquals("", launcher.call("get", "-n", NS, "-o", "name").err(), "said only with -v");
  }

  private static boolean nobodyConnected(ServerSocket socket) throws IOException {
    try (Socket ignored = socket.accept()) {
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }

  @Test
  void plantedLinksForTheHelpersFilesTruncateNothing() throws Exception {
    Path state = learnStateFile();
    Path log = state.resolveSibling(state.getFileName() + ".log");
    Path err = state.resolveSibling(state.getFileName() + ".err");
    Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
    Files.deleteIfExists(log);
    Files.deleteIfExists(err); // the launcher's stderr file, before the helper had a log of its own
    Files.createSymbolicLink(log, victim);
    Files.createSymbolicLink(err, victim);

    assertEquals(RUNS, launcher.call("get", "-n", NS, "-o", "name").out());
    long pid = launcher.awaitHelper();
    assertEquals("precious\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(log), "the helper's log replaced the link");
    assertTrue(launcher.log(pid).contains("serving on 127.0.0.1:"), launcher.log(pid));
  }

  @Test
  void nothingReadFromAStateFileOrAListenerReachesTheShell() throws Exception {
    Path state = learnStateFile();
    Path pwned = tmp.resolve("pwned");
    String injection = "a[$(touch " + pwned + ")]";
    writeOwnerOnly(state, injection + " " + injection + " " + injection + "\n");
    assertEquals(RUNS, launcher.call("get", "-n", NS, "-o", "name").out());
    assertFalse(Files.exists(pwned), "a bogus state file ran nothing");
    launcher.awaitHelper();
    launcher.stopHelpers();

    // A well-formed state file, but the listener on its port does not hold the token.
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> heard = impostor(socket, pwned);
      writeOwnerOnly(state, socket.getLocalPort() + " " + TOKEN + " " + ProcessHandle.current().pid() + "\n");
      InstalledLauncher.Result call = launcher.call("get", "-n", NS, "-o", "name");
      assertFalse(Files.exists(pwned), "the listener's answer ran nothing");
      String received = heard.get(30, TimeUnit.SECONDS);
      assertTrue(received.matches("kubectl-qperf-helper 2 [0-9a-f]{64}\n"), "only a challenge: " + received);
      assertEquals(RUNS, call.out(), call.err());
      assertEquals("", call.err());
    }
    launcher.awaitHelper();
  }

  @Test
  void helperStopSignalsOnlyAHelperThatProvesItself() throws Exception {
    // Another program now has a helper's pid, with 'serve' among its arguments.
    bystander = new ProcessBuilder(List.of("bash", "-c", "read -r line", "serve")).start();
    Path state = launcher.helpers().resolve("f".repeat(64));
    try (ServerSocket nobody = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      writeOwnerOnly(state, nobody.getLocalPort() + " " + TOKEN + " " + bystander.pid() + "\n");
      InstalledLauncher.Result stop = launcher.call("helper", "stop");
      assertEquals("no helper is running\n", stop.out(), stop.err());
    }
    assertTrue(bystander.isAlive(), "the process with the reused pid was not signalled");
  }

  @Test
  void relativePathsAreTheCallersNotTheHelpers() throws Exception {
    Path here = Files.createDirectory(tmp.resolve("here"));
    Path there = Files.createDirectory(tmp.resolve("there"));
    String kubeconfig = Files.readString(cluster.kubeconfig());
    Files.writeString(here.resolve("kubeconfig"), kubeconfig.replace("namespace: default", "namespace: " + NS));
    Files.writeString(there.resolve("kubeconfig"), kubeconfig.replace("namespace: default", "namespace: e2e-none"));
    Map<String, String> relative = Map.of("KUBECONFIG", "kubeconfig");

    assertEquals(RUNS, launcher.call(relative, here, "get", "-o", "name").out());
    long pid = launcher.awaitHelper();
    assertEquals(RUNS, launcher.call(relative, here, "get", "-o", "name").out());
    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.log(pid).contains("served: get -o name"));

    InstalledLauncher.Result elsewhere = launcher.call(relative, there, "get", "-o", "name");
    assertEquals(0, elsewhere.exitCode(), elsewhere.err());
    assertFalse(elsewhere.out().contains("run-a"), "there's kubeconfig names another namespace: " + elsewhere.out());
    assertEquals(launcher.call(Map.of("KUBECONFIG", "kubeconfig", "KUBECTL_QPERF_HELPER", "off"), there,
        "get", "-o", "name").out(), elsewhere.out());

    // An @file of arguments is read in the caller's directory too.
    Files.writeString(there.resolve("args"), "-n\n" + NS + "\n-o\nname\n");
    InstalledLauncher.Result atFile = launcher.call(Map.of(), there, "get", "@args");
    assertEquals(RUNS, atFile.out(), atFile.err());
  }

  @Test
  void anExecPluginRunsInTheCallersEnvironment() throws Exception {
    Path seen = tmp.resolve("identities");
    Path kubeconfig = execKubeconfig(seen);
    Map<String, String> alice = Map.of("KUBECONFIG", kubeconfig.toString(), "QPERF_TEST_IDENTITY", "alice");
    Map<String, String> bob = Map.of("KUBECONFIG", kubeconfig.toString(), "QPERF_TEST_IDENTITY", "bob");

    InstalledLauncher.Result first = launcher.call(alice, "get", "-o", "name");
    assertEquals(RUNS, first.out(), first.err());
    long pid = launcher.awaitHelper();
    InstalledLauncher.Result second = launcher.call(bob, "get", "-o", "name");
    assertEquals(RUNS, second.out(), second.err());
    List<String> identities = Files.readAllLines(seen);
    assertEquals("bob", identities.get(identities.size() - 1), "the plugin saw the second caller: " + identities);
    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.log(pid).contains("declined: get -o name"));
  }

  /** The cluster's admin, with credentials from an exec plugin that records the caller's QPERF_TEST_IDENTITY. */
  private Path execKubeconfig(Path seen) throws IOException {
    String admin = Files.readString(cluster.kubeconfig());
    Matcher server = Pattern.compile("server: \"([^\"]+)\"").matcher(admin);
    assertTrue(server.find(), admin);
    Path pki = cluster.kubeconfig().getParent().resolve("pki");
    String credential = "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
        + "\"status\":{\"clientCertificateData\":\"" + json(Files.readString(pki.resolve("admin.crt")))
        + "\",\"clientKeyData\":\"" + json(Files.readString(pki.resolve("admin.key"))) + "\"}}";
    Path plugin = tmp.resolve("credential-plugin");
    Files.writeString(plugin, "#!/bin/sh\nprintf '%s\\n' \"$QPERF_TEST_IDENTITY\" >> '" + seen + "'\ncat <<'JSON'\n"
        + credential + "\nJSON\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    return Files.writeString(tmp.resolve("exec-kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster: {certificate-authority: %s, server: "%s"}
          name: c
        contexts:
        - context: {cluster: c, user: exec-user, namespace: %s}
          name: c
        current-context: c
        users:
        - name: exec-user
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: %s, interactiveMode: Never}
        """.formatted(pki.resolve("ca.crt"), server.group(1), NS, plugin));
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Test
  void aConnectionThatStallsHoldsUpNoCall() throws Exception {
    assertEquals(RUNS, launcher.call("get", "-n", NS, "-o", "name").out());
    long pid = launcher.awaitHelper();
    int port = Integer.parseInt(InstalledLauncher.field(launcher.stateFile(), 0).orElseThrow());
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port);
        Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
      // A byte a second never trips a per-read timeout: only a deadline for the whole request ends it.
      trickle.scheduleAtFixedRate(() -> {
        try {
          slow.getOutputStream().write('k');
        } catch (IOException e) {
          // cut off: what this test expects
        }
      }, 0, 1, TimeUnit.SECONDS);
      InstalledLauncher.Result call = launcher.call("get", "-n", NS, "-o", "name"); // fails if it hangs
      assertEquals(RUNS, call.out(), call.err());
      await().atMost(Duration.ofSeconds(10)).until(() -> launcher.log(pid).contains("served: get -n " + NS));

      silent.setSoTimeout(15_000);
      slow.setSoTimeout(15_000);
      assertTrue(closedByThePeer(silent), "the silent connection is cut off");
      assertTrue(closedByThePeer(slow), "the trickling connection is cut off");
    } finally {
      trickle.shutdownNow();
    }
  }

  private static boolean closedByThePeer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset: closed with bytes of ours unread
    }
  }

  @Test
  void connectionsWithoutTheTokenDoNotKeepTheHelperAlive() throws Exception {
    Map<String, String> idle = Map.of("KUBECTL_QPERF_HELPER_IDLE", "3");
    assertEquals(RUNS, launcher.call(idle, "get", "-n", NS, "-o", "name").out());
    long pid = launcher.awaitHelper();
    int port = Integer.parseInt(InstalledLauncher.field(launcher.stateFile(), 0).orElseThrow());
    await("idle exit while strangers knock").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          knock(port);
          return !InstalledLauncher.alive(pid);
        });
    assertNotEquals(List.of(pid), launcher.helperPids());
  }

  private static void knock(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // nobody listens any more
    }
  }
}

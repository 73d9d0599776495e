package dev.kubectlqperf.plugin.helper;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.plugin.Cli;
import dev.kubectlqperf.plugin.QperfCli;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper's server on a real loopback socket, running the real command tree on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class HelperServerTest {

  private static final String TOKEN = "0123456789abcdef".repeat(4);
  private static final String OTHER_TOKEN = "fedcba9876543210".repeat(4);
  private static final String ENVIRONMENT = "123-45";

  KubernetesClient client;
  @TempDir Path dir;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final StringWriter log = new StringWriter();
  private final AtomicBoolean reinstalled = new AtomicBoolean();
  private ServerSocket socket;
  private HelperState state;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    assertEquals(0, new Cli(client).run("create", "run-a", "-n", "bench", "--tests", "tcp_lat").exitCode());
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    state = new HelperState(dir.resolve(ENVIRONMENT), ProcessHandle.current().pid());
    state.publish(socket.getLocalPort(), TOKEN, "/home/me/.kube/config");
  }

  @AfterEach
  void tearDown() throws IOException {
    executor.shutdownNow();
    socket.close();
  }

  private Future<String> serve(Duration idle) {
    KubeConnection kube = new KubeConnection(target -> client);
    HelperServer server = new HelperServer(socket, TOKEN, state, idle, new HelperCalls(QperfCli::commandLine, kube, ENVIRONMENT, t -> false),
        reinstalled::get, Clock.systemUTC(), new PrintWriter(log, true));
    return executor.submit(server::serve);
  }

  /** A call as the launcher makes it; "" when the helper does not prove it holds {@code token}. */
  private String call(String token, String environment, String... args) throws IOException {
    Optional<Socket> opened = HelperClient.open(socket.getLocalPort(), token);
    if (opened.isEmpty()) {
      return "";
    }
    try (Socket s = opened.get()) {
      s.getOutputStream().write("call\0".getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().write(new HelperRequest(environment, false, List.of(args)).encode());
      s.setSoTimeout(0);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HelperState.Entry entry(String token) {
    return new HelperState.Entry(state.file(), socket.getLocalPort(), token, 1, null, null);
  }

  @Test
  void answersWhatTheSameCommandPrintsInANewProcess() throws Exception {
    serve(Duration.ofMinutes(1));
    Cli.Run direct = new Cli(client).run("get", "run-a", "-n", "bench", "-o", "json");
    assertEquals("0\n0\n" + direct.out(), call(TOKEN, ENVIRONMENT, "get", "run-a", "-n", "bench", "-o", "json"));

    Cli.Run missing = new Cli(client).run("describe", "nope", "-n", "bench");
    assertEquals(3, missing.exitCode());
    assertEquals("3\n1\n" + missing.err(), call(TOKEN, ENVIRONMENT, "describe", "nope", "-n", "bench"));

    String usage = call(TOKEN, ENVIRONMENT, "get", "--no-such-flag");
    assertTrue(usage.startsWith("2\n"), usage);
    assertTrue(usage.contains("Unknown option: '--no-such-flag'"), usage);
    assertTrue(log.toString().contains("served: get run-a -n bench -o json (exit 0, "), log.toString());
  }

  @Test
  void declinesWhatANewJvmMustRun() throws Exception {
    serve(Duration.ofMinutes(1));
    assertEquals(HelperResponse.DECLINED, call(TOKEN, "999-9", "get"), "another environment");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "get", "-w"), "streams until Ctrl-C");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "create", "x", "--tests", "tcp_lat"),
        "not a read-only command");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "get", "--kubeconfig", "kube/config"),
        "relative to the caller's directory");
    assertEquals(1, client.resources(Qperf.class).inNamespace("bench").list().getItems().size(),
        "nothing declined was run");
    assertTrue(call(TOKEN, ENVIRONMENT, "get", "-n", "bench").startsWith("0\n0\nNAME"), "still serving");
  }

  @Test
  void aCallerWithoutTheTokenIsRefusedBeforeItsArgumentsAreRead() throws Exception {
    serve(Duration.ofMinutes(1));
    assertEquals("", call(OTHER_TOKEN, ENVIRONMENT, "get"), "the helper's proof does not match another token");

    // A caller that answers the helper's challenge with a guess gets nothing, and its call never runs.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((HelperHandshake.HELLO + HelperHandshake.nonce() + "\n").getBytes(StandardCharsets.UTF_8));
      String challenge = HelperRequest.field(s.getInputStream(), '\n', HelperHandshake.MAX_LINE);
      assertTrue(challenge.matches("[0-9a-f]{64} [0-9a-f]{64}"), challenge);
      out.write((HelperHandshake.nonce() + "\0call\0").getBytes(StandardCharsets.UTF_8));
      out.write(new HelperRequest(ENVIRONMENT, false, List.of("create", "y", "--tests", "tcp_lat")).encode());
      assertTrue(closedByTheHelper(s), "no answer to a wrong proof");
    }
    assertTrue(log.toString().contains("refused a connection without the token (1 refused so far)"), log.toString());
    assertEquals(1, client.resources(Qperf.class).inNamespace("bench").list().getItems().size());
  }

  @Test
  void aListenerWithoutTheTokenLearnsNeitherTheTokenNorAnyArgument() throws Exception {
    try (ServerSocket impostor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Future<String> heard = executor.submit(() -> {
        try (Socket s = impostor.accept()) {
          byte[] hello = new byte[200];
          int n = s.getInputStream().read(hello);
          s.getOutputStream().write(("0\n0\nFAKE " + "a".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8));
          s.setSoTimeout(5_000);
          byte[] rest = s.getInputStream().readAllBytes();
          return new String(hello, 0, n, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8);
        }
      });
      assertEquals(Optional.empty(), HelperClient.open(impostor.getLocalPort(), TOKEN));
      String received = heard.get(10, TimeUnit.SECONDS);
      assertTrue(received.matches(HelperHandshake.HELLO + "[0-9a-f]{64}\n"), received);
      assertFalse(received.contains(TOKEN));
    }
  }

  @Test
  void aConnectionThatStallsHoldsUpNoCallAndIsCutAtTheDeadline() throws Exception {
    serve(Duration.ofMinutes(1));
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        Socket slow = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
      // One byte a second never trips a per-read timeout: only a deadline for the whole request ends it.
      trickle.scheduleAtFixedRate(() -> {
        try {
          slow.getOutputStream().write('k');
        } catch (IOException e) {
          // cut off by the helper: what this test waits for
        }
      }, 0, 1, TimeUnit.SECONDS);
      assertTrue(call(TOKEN, ENVIRONMENT, "get", "-n", "bench").startsWith("0\n0\nNAME"), "served meanwhile");

      Duration cut = HelperServer.DEADLINE.plusSeconds(5);
      silent.setSoTimeout((int) cut.toMillis());
      slow.setSoTimeout((int) cut.toMillis());
      assertTrue(closedByTheHelper(silent), "the silent connection is closed");
      assertTrue(closedByTheHelper(slow), "the trickling connection is closed");
    } finally {
      trickle.shutdownNow();
    }
  }

  /** End of stream, or a reset (the helper closed with bytes of ours unread); a read timeout is not. */
  private static boolean closedByTheHelper(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void connectionsWithoutTheTokenDoNotKeepItAlive() throws Exception {
    Future<String> serving = serve(Duration.ofSeconds(2));
    await("idle exit while strangers knock").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          knock();
          return serving.isDone();
        });
    assertEquals("idle for 2 s", serving.get(), log.toString());
  }

  private void knock() {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
      s.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the helper has stopped listening
    }
  }

  @Test
  void stopsOnlyWhenAskedByAHolderOfTheToken() throws Exception {
    Future<String> serving = serve(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), HelperClient.stop(entry(OTHER_TOKEN)));
    assertFalse(serving.isDone());
    assertTrue(call(TOKEN, ENVIRONMENT, "get", "-n", "bench").startsWith("0\n0\nNAME"), "still serving");

    Optional<HelperClient.Identity> pinged = HelperClient.ping(entry(TOKEN));
    assertEquals(ProcessHandle.current().pid(), pinged.orElseThrow().pid());
    assertEquals(ProcessHandle.current().pid(), pinged.get().process().orElseThrow().pid(), "pid and start time match");

    assertEquals(pinged, HelperClient.stop(entry(TOKEN)));
    assertEquals("helper stop", serving.get(10, TimeUnit.SECONDS));
  }

  @Test
  void stopsWhenItsStateFileIsRemoved() throws Exception {
    Future<String> serving = serve(Duration.ofMinutes(1));
    Files.delete(state.file());
    assertEquals("its state file was removed or replaced", serving.get(10, TimeUnit.SECONDS));
  }

  @Test
  void stopsWhenAnotherHelperReplacesIt() throws Exception {
    Future<String> serving = serve(Duration.ofMinutes(1));
    new HelperState(state.file(), ProcessHandle.current().pid() + 1).publish(1, OTHER_TOKEN, null);
    assertEquals("its state file was removed or replaced", serving.get(10, TimeUnit.SECONDS));
  }

  @Test
  void stopsWhenThePluginIsReinstalledAndDeclinesMeanwhile() throws Exception {
    Future<String> serving = serve(Duration.ofMinutes(1));
    reinstalled.set(true);
    assertEquals("the plugin was reinstalled", serving.get(10, TimeUnit.SECONDS));
  }

  @Test
  void stopsWhenIdle() throws Exception {
    Future<String> serving = serve(Duration.ofSeconds(1));
    assertEquals("idle for 1 s", serving.get(10, TimeUnit.SECONDS));
  }
}

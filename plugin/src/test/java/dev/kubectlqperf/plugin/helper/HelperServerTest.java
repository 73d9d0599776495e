package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import dev.kubectlqperf.plugin.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper's server on a real loopback socket, running the real command tree on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class HelperServerTest {

  private static final String TOKEN = "s3cret";
  private static final String ENVIRONMENT = "123-45";

  KubernetesClient client;
  @TempDir Path dir;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
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
    HelperServer server = new HelperServer(socket, TOKEN, state, idle, new HelperCalls(kube, ENVIRONMENT),
        reinstalled::get, Clock.systemUTC(), new PrintWriter(log, true));
    return executor.submit(server::serve);
  }

  private String call(String token, String environment, String... args) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
      s.getOutputStream().write(new HelperRequest(token, environment, false, List.of(args)).encode());
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
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
  void refusesAWrongTokenAndDeclinesWhatANewJvmMustRun() throws Exception {
    serve(Duration.ofMinutes(1));
    assertEquals("", call("guess", ENVIRONMENT, "get"), "no answer without the token");
    assertTrue(log.toString().contains("refused a call without the right token"), log.toString());

    assertEquals(HelperResponse.DECLINED, call(TOKEN, "999-9", "get"), "another environment");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "get", "-w"), "streams until Ctrl-C");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "create", "x", "--tests", "tcp_lat"),
        "not a read-only command");
    assertEquals(HelperResponse.DECLINED, call(TOKEN, ENVIRONMENT, "get", "--kubeconfig", "kube/config"),
        "relative to the caller's directory");
    assertEquals(1, client.resources(dev.kubectlqperf.model.Qperf.class).inNamespace("bench").list().getItems().size(),
        "nothing declined was run");

    assertTrue(call(TOKEN, ENVIRONMENT, "get", "-n", "bench").startsWith("0\n0\nNAME"), "still serving");
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
    new HelperState(state.file(), ProcessHandle.current().pid() + 1).publish(1, "other", null);
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

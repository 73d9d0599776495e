package dev.kubectlqperf.plugin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Types into the real shell (the packaged jar) through a real terminal: tmux. */
@EnableKubernetesMockClient(crud = true)
class ShellTmuxIT {

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path home;
  private final String session = "qperf-shell-" + ProcessHandle.current().pid();

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withName("alpha-run").withNamespace("bench").build());
    q.setSpec(QperfSpec.of(List.of("tcp_lat"), null));
    client.resource(q).create();
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \""
        + client.getConfiguration().getMasterUrl() + "\", insecure-skip-tls-verify: true}\n  name: mock\ncontexts:\n"
        + "- context: {cluster: mock, user: mock, namespace: bench}\n  name: mock\ncurrent-context: mock\n"
        + "users:\n- name: mock\n  user: {token: mock}\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of("target", "kubectl-qperf.jar").toAbsolutePath().toString();
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50",
        "env HOME=" + home + " KUBECONFIG=" + kubeconfig + " " + java + " -jar " + jar + " shell");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (alive()) {
      tmux("kill-session", "-t", session);
    }
  }

  @Test
  void completesNamesSurvivesErrorsAndEndsOnCtrlD() throws Exception {
    awaitScreen("qperf(mock/bench)>");

    type("describe alp", "Tab");
    awaitScreen("describe alpha-run");
    type("", "Enter");
    awaitScreen("Name:         alpha-run");

    type("get nosuch", "Enter");
    awaitScreen("\"nosuch\" not found in namespace bench");
    type("get", "Enter");
    awaitScreen("alpha-run   Pending");

    type("use other", "Enter");
    awaitScreen("qperf(mock/other)>");

    type("", "C-d");
    await("the shell ends on Ctrl-D").atMost(Duration.ofSeconds(10)).until(() -> !alive());
    assertTrue(Files.exists(home.resolve(".kube/kubectl-qperf.history")), "history is kept across sessions");
  }

  @Test
  void globalFlagsGoBeforeTheCommandToo() throws Exception {
    awaitScreen("qperf(mock/bench)>");
    type("use other", "Enter");
    awaitScreen("qperf(mock/other)>");
    type("-n bench get -o name", "Enter");
    awaitScreen("qperf.perf.kubestone.xridge.io/alpha-run");
    type("--namespace=nowhere get", "Enter");
    awaitScreen("No resources found in nowhere namespace.");
  }

  private void type(String text, String key) throws Exception {
    if (!text.isEmpty()) {
      tmux("send-keys", "-t", session, "-l", "--", text);
    }
    tmux("send-keys", "-t", session, key);
  }

  /** tmux trims trailing spaces, so expected texts end without one. */
  private void awaitScreen(String expected) {
    await("screen shows " + expected).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> screen().contains(expected));
  }

  private String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", session);
  }

  private boolean alive() throws Exception {
    Process p = new ProcessBuilder("tmux", "has-session", "-t", session).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private static String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}

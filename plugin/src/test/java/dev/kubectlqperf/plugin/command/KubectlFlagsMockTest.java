package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import dev.kubectlqperf.plugin.QperfCli;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl's connection flags override the kubeconfig, as the requests that reach the API server show. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubectlFlagsMockTest {

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  private Path kubeconfig;
  private String url;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    url = "http://" + server.getHostName() + ":" + server.getPort();
    // Points nowhere: only --server makes these calls reach the mock server.
    kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n"
        + "- cluster: {server: \"http://127.0.0.1:1\"}\n  name: c\ncontexts:\n"
        + "- context: {cluster: c, user: me, namespace: bench}\n  name: c\ncurrent-context: c\n"
        + "users:\n- name: me\n  user: {token: from-kubeconfig}\n");
  }

  private Cli.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (KubeConnection kube = new KubeConnection()) {
      CliContext context = new CliContext(InputStream.nullInputStream(), kube, false);
      int code = QperfCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
      return new Cli.Run(code, out.toString(), err.toString());
    }
  }

  private RecordedRequest lastRequest() throws InterruptedException {
    return server.getLastRequest();
  }

  @Test
  void serverTokenAndImpersonationReachTheApiServer() throws InterruptedException {
    Cli.Run run = run("get", "--kubeconfig", kubeconfig.toString(), "--server", url, "--token", "from-flag",
        "--as", "alice", "--as-group", "devs", "--as-group", "ops");
    assertEquals(0, run.exitCode(), run.err());
    RecordedRequest request = lastRequest();
    assertTrue(request.getPath().startsWith("/apis/perf.kubestone.xridge.io/v1alpha1/namespaces/bench/qperves"),
        request.getPath());
    assertEquals("Bearer from-flag", request.getHeader("Authorization"));
    assertEquals("alice", request.getHeader("Impersonate-User"));
    assertTrue(request.getHeaders().headers("Impersonate-Group").contains("ops"), request.getHeaders().toMultimap()
        .toString());
  }

  @Test
  void theServerFlagGoesBeforeTheSubcommandToo() throws InterruptedException {
    assertEquals(0, run("-s", url, "--kubeconfig", kubeconfig.toString(), "get").exitCode());
    assertEquals(0, run("--server", url, "--kubeconfig", kubeconfig.toString(), "get").exitCode());
    assertEquals("Bearer from-kubeconfig", lastRequest().getHeader("Authorization"));
  }

  @Test
  void aBadRequestTimeoutIsAUsageError() {
    Cli.Run run = run("get", "--kubeconfig", kubeconfig.toString(), "--request-timeout", "soon");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--request-timeout"), run.err());
    assertEquals(0, run("get", "--kubeconfig", kubeconfig.toString(), "-s", url, "--request-timeout", "1m").exitCode());
  }

  @Test
  void theStackTraceComesFromLevelSixAsWithKubectl() {
    String nowhere = kubeconfig.toString();
    Cli.Run quiet = run("get", "--kubeconfig", nowhere, "-v=5");
    assertEquals(4, quiet.exitCode(), quiet.err());
    assertEquals(1, quiet.err().lines().count(), quiet.err());
    Cli.Run loud = run("get", "--kubeconfig", nowhere, "-v=6");
    assertEquals(4, loud.exitCode());
    assertTrue(loud.err().lines().count() > 1 && loud.err().contains("\tat "), loud.err());
    assertTrue(run("--v", "7", "get", "--kubeconfig", nowhere).err().contains("\tat "), "--v N before the subcommand");
    assertTrue(run("get", "--kubeconfig", nowhere, "-v").err().contains("\tat "), "a bare -v, as before");
  }
}

package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Exit code 4 and the fix, when the cluster is unreachable or lacks the CRD. */
@EnableKubernetesMockClient
class ClusterErrorsTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void missingCrdSaysRunInstallSh() {
    server.expect().get().withPath("/apis/perf.kubestone.xridge.io/v1alpha1/namespaces/bench/qperves")
        .andReturn(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}")
        .always();
    Cli.Run run = new Cli(client).run("get", "-n", "bench");
    assertEquals(4, run.exitCode());
    assertTrue(run.err().startsWith("error: the Qperf CRD (qperves.perf.kubestone.xridge.io) is not installed"), run.err());
    assertTrue(run.err().contains("./install.sh"), run.err());
  }

  @Test
  void unreachableClusterIsExitFour() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0).withNamespace("default").build())
        .build()) {
      Cli.Run run = new Cli(nowhere).run("get");
      assertEquals(4, run.exitCode(), run.err());
      assertTrue(run.err().startsWith("error: cannot reach the Kubernetes API server"), run.err());
      assertEquals(1, run.err().lines().count(), "one line, no stack trace");
    }
  }
}

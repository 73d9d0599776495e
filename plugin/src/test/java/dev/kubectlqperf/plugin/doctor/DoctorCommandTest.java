package dev.kubectlqperf.plugin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** doctor without a cluster: no answer is a finding and exit 1; the fix policy printed offline. */
class DoctorCommandTest {

  @Test
  void noClusterIsOneFailedCheckWithItsFixNotAStackTrace() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0).withNamespace("default").build())
        .build()) {
      Cli.Run run = new Cli(nowhere).run("doctor");
      assertEquals(1, run.exitCode(), run.out() + run.err());
      assertEquals("", run.err());
      var lines = run.out().lines().toList();
      assertEquals(2, lines.size(), run.out());
      assertTrue(lines.get(0).matches("CHECK +STATUS +DETAIL +FIX"), lines.get(0));
      assertTrue(lines.get(1).matches("cluster +✗ +cannot reach the Kubernetes API server .*check --context.*"),
          lines.get(1));
      Cli.Run json = new Cli(nowhere).run("doctor", "-o", "json");
      assertEquals(1, json.exitCode());
      assertTrue(json.out().contains("\"passed\" : false") && json.out().contains("\"status\" : \"fail\""), json.out());
    }
  }

  @Test
  void fixDryRunPrintsThePolicyForTheNamespaceAndServiceTypeWithoutACluster() {
    Cli.Run run = new Cli(null).run("doctor", "--fix", "--dry-run=client", "-o", "yaml", "-n", "bench",
        "--service-type", "ClusterIP");
    assertEquals(0, run.exitCode(), run.err());
    NetworkPolicy p = new KubernetesSerialization().unmarshal(run.out(), NetworkPolicy.class);
    assertEquals("qperf-benchmark", p.getMetadata().getName());
    assertEquals("bench", p.getMetadata().getNamespace());
    assertEquals(3, p.getSpec().getIngress().get(0).getPorts().size());
    assertTrue(run.out().startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"), run.out());
  }

  @Test
  void yamlWithoutTheDryRunFixIsAUsageError() {
    Cli.Run run = new Cli(null).run("doctor", "-o", "yaml");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("doctor prints table, json"), run.err());
  }
}

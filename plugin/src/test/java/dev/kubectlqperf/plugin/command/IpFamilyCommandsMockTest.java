package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.plugin.Cli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code create --ip-family}, and the family in {@code get -o wide} and {@code describe}. */
@EnableKubernetesMockClient(crud = true)
class IpFamilyCommandsMockTest {

  static final String NS = "bench";
  KubernetesClient client;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    cli = new Cli(client);
  }

  private Qperf inCluster(String name) {
    return client.resources(Qperf.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void createAsksTheFamilyAndADryRunShowsIt() {
    Cli.Run dry = cli.run("create", "v6", "-n", NS, "--tests", "tcp_lat", "--ip-family", "IPv6", "--dry-run=client",
        "-o", "yaml");
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("ipFamily: IPv6"), dry.out());
    assertEquals(0, cli.run("create", "v6", "-n", NS, "--tests", "tcp_lat", "--ip-family", "IPv6").exitCode());
    assertEquals(IpFamily.IPv6, inCluster("v6").getSpec().ipFamily());
    assertEquals(0, cli.run("create", "plain", "-n", NS, "--tests", "tcp_lat").exitCode());
    assertNull(inCluster("plain").getSpec().ipFamily(), "no flag, no family: the cluster's primary");
  }

  @Test
  void anUnknownFamilyIsAUsageErrorWithTheChoices() {
    Cli.Run bad = cli.run("create", "v5", "-n", NS, "--tests", "tcp_lat", "--ip-family", "IPv5");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--ip-family") && bad.err().contains("IPv4") && bad.err().contains("IPv6"), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
    assertNull(inCluster("v5"));
  }

  @Test
  void getWideAndDescribeShowTheFamilyAskedThenMeasured() {
    cli.run("create", "v6", "-n", NS, "--tests", "tcp_lat", "--ip-family", "IPv6");
    cli.run("create", "plain", "-n", NS, "--tests", "tcp_lat");
    assertTrue(cli.run("describe", "v6", "-n", NS).out().contains("IP family:    IPv6 (asked)\n"));
    assertTrue(cli.run("describe", "plain", "-n", NS).out().contains("IP family:    the cluster's primary\n"));

    Qperf plain = inCluster("plain");
    plain.setStatus(new QperfStatus().setPhase(QperfPhase.Completed).setIpFamily(IpFamily.IPv4));
    client.resource(plain).updateStatus();
    assertTrue(cli.run("describe", "plain", "-n", NS).out().contains("IP family:    IPv4\n"));
    String wide = cli.run("get", "-n", NS, "-o", "wide").out();
    assertTrue(wide.split("\n")[0].endsWith("FAMILY"), wide);
    assertTrue(wide.lines().anyMatch(l -> l.startsWith("plain ") && l.endsWith("IPv4")), wide);
    assertTrue(wide.lines().anyMatch(l -> l.startsWith("v6 ") && l.endsWith("IPv6")), wide);
  }
}

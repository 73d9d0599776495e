package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {

  private static final RunAsk HEADLESS = new RunAsk("bench", false, false, "img", ServiceType.Headless, 19766, List.of());
  private static final RunAsk CLUSTER_IP = new RunAsk("bench", false, false, "img", ServiceType.ClusterIP, 19766,
      List.of());

  static NetworkPolicy denyAll(String... types) {
    return new NetworkPolicyBuilder().withNewMetadata().withName("deny-all").endMetadata().withNewSpec()
        .withNewPodSelector().endPodSelector().withPolicyTypes(types).endSpec().build();
  }

  @Test
  void noPolicyPasses() {
    assertEquals(Status.PASS, PolicyCheck.evaluate(Fetched.of(List.of()), null, HEADLESS).status());
  }

  @Test
  void aDenyAllIngressBlocksTheServerPortsAndPointsToTheFix() {
    Finding f = PolicyCheck.evaluate(Fetched.of(List.of(denyAll("Ingress"))), null, CLUSTER_IP);
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.detail().contains("into the server 19765/TCP (deny-all)"), f.detail());
    assertTrue(f.detail().contains("19766/UDP"), f.detail());
    assertTrue(f.fix().startsWith("kubectl qperf doctor -n bench --fix"), f.fix());
  }

  @Test
  void theFixPolicyBesideADenyAllAdmitsTheRunInBothDirectionsForBothServiceTypes() {
    for (RunAsk ask : List.of(HEADLESS, CLUSTER_IP)) {
      Finding f = PolicyCheck.evaluate(Fetched.of(List.of(denyAll("Ingress", "Egress"), BenchmarkPolicy.policy(ask))),
          null, ask);
      assertEquals(Status.PASS, f.status(), ask + ": " + f.detail());
      assertEquals("deny-all, qperf-benchmark select the benchmark pods and admit their traffic", f.detail());
    }
  }

  @Test
  void aClusterIpPolicyDoesNotAdmitAHeadlessRunWhoseDataPortIsQperfsChoice() {
    Finding f = PolicyCheck.evaluate(Fetched.of(List.of(denyAll("Ingress"), BenchmarkPolicy.policy(CLUSTER_IP))),
        null, HEADLESS);
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.detail().contains("data port (TCP, qperf's choice)"), f.detail());
  }

  @Test
  void egressWithoutDnsIsReportedEvenWhenEveryPortToTheBenchmarkPodsIsOpen() {
    for (RunAsk ask : List.of(HEADLESS, CLUSTER_IP)) {
      NetworkPolicy egressOnlyQperf = new NetworkPolicyBuilder(BenchmarkPolicy.policy(ask)).build();
      egressOnlyQperf.getSpec().getEgress().remove(1);
      Finding f = PolicyCheck.evaluate(Fetched.of(List.of(egressOnlyQperf)), null, ask);
      assertEquals(Status.FAIL, f.status(), ask.toString());
      assertEquals("blocked: out of the client 53/UDP (DNS) (qperf-benchmark)", f.detail());
    }
  }

  @Test
  void namedPortsNamespaceSelectorsAndPoliciesForOtherPodsAreEvaluated() {
    NetworkPolicy named = new NetworkPolicyBuilder().withNewMetadata().withName("named").endMetadata().withNewSpec()
        .withNewPodSelector().addToMatchLabels("app.kubernetes.io/component", "server").endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress().addNewFrom().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "bench")
        .endNamespaceSelector().endFrom()
        .addNewPort().withPort(new IntOrString("qperf")).endPort()
        .addNewPort().withPort(new IntOrString("data-tcp")).endPort()
        .addNewPort().withProtocol("UDP").withPort(new IntOrString(19766)).endPort().endIngress()
        .endSpec().build();
    assertEquals(Status.PASS, PolicyCheck.evaluate(Fetched.of(List.of(named)), null, CLUSTER_IP).status());
    NetworkPolicy other = new NetworkPolicyBuilder(denyAll("Ingress")).editSpec().withNewPodSelector()
        .withMatchLabels(Map.of("app", "web")).endPodSelector().endSpec().build();
    assertEquals(Status.PASS, PolicyCheck.evaluate(Fetched.of(List.of(other)), null, CLUSTER_IP).status());
  }

  @Test
  void unreadablePoliciesAreAWarning() {
    Finding f = PolicyCheck.evaluate(Fetched.failed("forbidden"), null, HEADLESS);
    assertEquals(Status.WARN, f.status());
  }

  @Test
  void theFixPolicySelectsOnlyTheBenchmarkPodsAndPinsTheClusterIpPorts() {
    NetworkPolicy p = BenchmarkPolicy.policy(CLUSTER_IP);
    assertEquals("bench", p.getMetadata().getNamespace());
    assertEquals(Map.of("app.kubernetes.io/name", "qperf", "app.kubernetes.io/managed-by", "kubectl-qperf"),
        p.getSpec().getPodSelector().getMatchLabels());
    assertEquals(List.of("19765/TCP", "19766/TCP", "19766/UDP"), p.getSpec().getIngress().get(0).getPorts().stream()
        .map(port -> port.getPort().getIntVal() + "/" + port.getProtocol()).toList());
    assertEquals(p.getSpec().getPodSelector(), p.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector());
    assertTrue(BenchmarkPolicy.policy(HEADLESS).getSpec().getIngress().get(0).getPorts().isEmpty());
  }
}

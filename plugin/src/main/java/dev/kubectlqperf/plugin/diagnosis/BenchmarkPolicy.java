package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy {@code doctor --fix} applies: between the benchmark pods only, the qperf
 * control port and the run's data port (TCP and UDP); and DNS out, since the client finds the
 * server by its Service name. A Headless run's data port is qperf's choice (no {@code --ip_port}),
 * so for one the policy admits every port between the benchmark pods; ClusterIP pins it.
 */
public final class BenchmarkPolicy {

  public static final String NAME = "qperf-benchmark";
  public static final int DNS_PORT = 53;

  private BenchmarkPolicy() {}

  /** Labels every benchmark pod (server and client, any run) carries. */
  public static Map<String, String> podSelector() {
    return Map.of(QperfResources.LABEL_NAME, QperfResources.APP, QperfResources.LABEL_MANAGED_BY,
        QperfResources.MANAGER);
  }

  public static NetworkPolicy policy(RunAsk ask) {
    NetworkPolicyPeer benchmarkPods = new NetworkPolicyPeerBuilder().withNewPodSelector()
        .withMatchLabels(podSelector()).endPodSelector().build();
    List<NetworkPolicyPort> qperfPorts = qperfPorts(ask);
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(NAME).withNamespace(ask.namespace())
          .withLabels(Map.of(QperfResources.LABEL_MANAGED_BY, QperfResources.MANAGER)).endMetadata()
        .withNewSpec()
          .withNewPodSelector().withMatchLabels(podSelector()).endPodSelector()
          .withPolicyTypes("Ingress", "Egress")
          .addNewIngress().withFrom(benchmarkPods).withPorts(qperfPorts).endIngress()
          .addNewEgress().withTo(benchmarkPods).withPorts(qperfPorts).endEgress()
          .addNewEgress().withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT)).endEgress()
        .endSpec()
        .build();
  }

  /** The ports the run uses between its pods; empty (every port) when its data port is not pinned. */
  static List<NetworkPolicyPort> qperfPorts(RunAsk ask) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    if (ask.dataPortPinned()) {
      ports.add(port("TCP", QperfDefaults.CONTROL_PORT));
      ports.add(port("TCP", ask.dataPort()));
      ports.add(port("UDP", ask.dataPort()));
    }
    return ports;
  }

  /** What the policy admits, in a line. */
  public static String describe(RunAsk ask) {
    return ask.dataPortPinned()
        ? QperfDefaults.CONTROL_PORT + "/TCP and " + ask.dataPort() + "/TCP+UDP between the benchmark pods, DNS out"
        : "every port between the benchmark pods (a Headless run's data port is qperf's choice; "
            + "--service-type ClusterIP pins it), DNS out";
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
  }
}

package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.LabelSelectors;
import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The namespace's NetworkPolicies against the benchmark's traffic: into the server pods from the
 * client pod on the control and data ports, out of the client pod to them and to DNS. Evaluated
 * as the API defines policies (a pod selected by a policy of a type is isolated for that direction;
 * the union of the rules admits); ipBlock peers are not matched (pod addresses are unknown here).
 */
public final class PolicyCheck {

  /** A port a connection needs; {@code port} null: some port qperf picks (every port must be admitted). */
  record Need(String protocol, Integer port, String label) {}

  private PolicyCheck() {}

  public static Finding evaluate(Fetched<List<NetworkPolicy>> fetched, Namespace namespace, RunAsk ask) {
    String check = "network policy";
    if (!fetched.ok()) {
      return Finding.unreadable(check, "NetworkPolicies in " + ask.namespace(), fetched.error(),
          "kubectl -n " + ask.namespace() + " get networkpolicies");
    }
    Map<String, String> server = labels(QperfResources.COMPONENT_SERVER);
    Map<String, String> client = labels(QperfResources.COMPONENT_CLIENT);
    Map<String, String> nsLabels = namespaceLabels(namespace, ask.namespace());
    List<NetworkPolicy> policies = fetched.value();
    List<NetworkPolicy> ingress = policies.stream().filter(p -> selects(p, server) && types(p).contains("Ingress"))
        .toList();
    List<NetworkPolicy> egress = policies.stream().filter(p -> selects(p, client) && types(p).contains("Egress"))
        .toList();
    if (ingress.isEmpty() && egress.isEmpty()) {
      return Finding.pass(check, "no NetworkPolicy isolates the benchmark pods");
    }
    List<String> blocked = new ArrayList<>();
    for (Need need : serverNeeds(ask)) {
      if (!ingress.isEmpty() && ingress.stream().noneMatch(p -> p.getSpec().getIngress() != null && p.getSpec()
          .getIngress().stream().anyMatch(r -> admits(r.getFrom(), r.getPorts(), need, client, nsLabels, ask)))) {
        blocked.add("into the server " + need.label() + " (" + names(ingress) + ")");
      }
      if (!egress.isEmpty() && egress.stream().noneMatch(p -> p.getSpec().getEgress() != null && p.getSpec()
          .getEgress().stream().anyMatch(r -> admits(r.getTo(), r.getPorts(), need, server, nsLabels, ask)))) {
        blocked.add("out of the client " + need.label() + " (" + names(egress) + ")");
      }
    }
    Need dns = new Need("UDP", BenchmarkPolicy.DNS_PORT, "53/UDP (DNS)");
    if (!egress.isEmpty() && egress.stream().noneMatch(p -> p.getSpec().getEgress() != null && p.getSpec()
        .getEgress().stream().anyMatch(r -> mayReachDns(r.getTo()) && (r.getPorts() == null || r.getPorts().isEmpty()
            || r.getPorts().stream().anyMatch(port -> admitsPort(port, dns, Map.of())))))) {
      blocked.add("out of the client " + dns.label() + " (" + names(egress) + ")");
    }
    String selecting = names(policies.stream().filter(p -> ingress.contains(p) || egress.contains(p)).toList());
    if (blocked.isEmpty()) {
      return Finding.pass(check, selecting + " select the benchmark pods and admit their traffic");
    }
    return Finding.fail(check, "blocked: " + String.join("; ", blocked),
        "kubectl qperf doctor -n " + ask.namespace() + " --fix (NetworkPolicy " + BenchmarkPolicy.NAME + ": "
            + BenchmarkPolicy.describe(ask) + "); review it first with --fix --dry-run=client -o yaml");
  }

  static List<Need> serverNeeds(RunAsk ask) {
    List<Need> needs = new ArrayList<>();
    needs.add(new Need("TCP", QperfDefaults.CONTROL_PORT, QperfDefaults.CONTROL_PORT + "/TCP"));
    if (ask.dataPortPinned()) {
      needs.add(new Need("TCP", ask.dataPort(), ask.dataPort() + "/TCP"));
      needs.add(new Need("UDP", ask.dataPort(), ask.dataPort() + "/UDP"));
    } else {
      needs.add(new Need("TCP", null, "data port (TCP, qperf's choice)"));
      needs.add(new Need("UDP", null, "data port (UDP, qperf's choice)"));
    }
    return needs;
  }

  private static boolean admits(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, Need need,
      Map<String, String> peerLabels, Map<String, String> nsLabels, RunAsk ask) {
    boolean peerOk = peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peer.getIpBlock() == null
        && (peer.getNamespaceSelector() == null || LabelSelectors.matches(peer.getNamespaceSelector(), nsLabels))
        && (peer.getPodSelector() == null || LabelSelectors.matches(peer.getPodSelector(), peerLabels))
        && (peer.getNamespaceSelector() != null || peer.getPodSelector() != null));
    Map<String, Integer> named = namedPorts(ask);
    return peerOk && (ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> admitsPort(p, need, named)));
  }

  /**
   * Whether peers may include the cluster's DNS pods, which run in another namespace with labels
   * unknown here: any peer, a namespace selector, or an address block; not a same-namespace pod selector.
   */
  private static boolean mayReachDns(List<NetworkPolicyPeer> peers) {
    return peers == null || peers.isEmpty()
        || peers.stream().anyMatch(peer -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null);
  }

  private static boolean admitsPort(NetworkPolicyPort port, Need need, Map<String, Integer> named) {
    String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
    if (!protocol.equals(need.protocol())) {
      return false;
    }
    if (port.getPort() == null) {
      return true;
    }
    if (need.port() == null) {
      return false;
    }
    Integer number = port.getPort().getIntVal() != null ? port.getPort().getIntVal()
        : named.get(port.getPort().getStrVal() + "/" + protocol);
    if (number == null) {
      return false;
    }
    int end = port.getEndPort() == null ? number : port.getEndPort();
    return need.port() >= number && need.port() <= end;
  }

  /** The server container's named ports (QperfManifests names them). */
  private static Map<String, Integer> namedPorts(RunAsk ask) {
    Map<String, Integer> named = new HashMap<>();
    named.put("qperf/TCP", QperfDefaults.CONTROL_PORT);
    if (ask.dataPortPinned()) {
      named.put("data-tcp/TCP", ask.dataPort());
      named.put("data-udp/UDP", ask.dataPort());
    }
    return named;
  }

  private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
    return policy.getSpec() != null && LabelSelectors.matches(policy.getSpec().getPodSelector(), labels);
  }

  /** policyTypes, or what the API server defaults when they are absent. */
  private static List<String> types(NetworkPolicy policy) {
    if (policy.getSpec().getPolicyTypes() != null && !policy.getSpec().getPolicyTypes().isEmpty()) {
      return policy.getSpec().getPolicyTypes();
    }
    boolean egress = policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty();
    return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
  }

  private static Map<String, String> labels(String component) {
    Map<String, String> labels = new LinkedHashMap<>(BenchmarkPolicy.podSelector());
    labels.put(QperfResources.LABEL_COMPONENT, component);
    labels.put(QperfResources.LABEL_INSTANCE, "run");
    return labels;
  }

  private static Map<String, String> namespaceLabels(Namespace namespace, String name) {
    Map<String, String> labels = new HashMap<>();
    if (namespace != null && namespace.getMetadata().getLabels() != null) {
      labels.putAll(namespace.getMetadata().getLabels());
    }
    labels.put("kubernetes.io/metadata.name", name);
    return labels;
  }

  private static String names(List<NetworkPolicy> policies) {
    return policies.stream().map(p -> p.getMetadata().getName()).distinct().collect(Collectors.joining(", "));
  }
}

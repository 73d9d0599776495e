package dev.kubectlqperf.e2e;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * NetworkPolicy enforcement for the local cluster, which has no policy engine of its own (its CNI is
 * the plain bridge plugin; Calico, Cilium or kube-router cannot be installed offline). Watches
 * policies, pods and namespaces and keeps one iptables chain per family, {@code QPERF-NETPOL},
 * jumped to first from FORWARD (pod to pod, same node too: br_netfilter) and INPUT (pod to the
 * host, e.g. the cluster DNS). The semantics of NetworkPolicy v1 for pods on the pod network:
 * a pod selected by a policy of a type is isolated for it; a new connection passes only when the
 * source's egress and the destination's ingress both admit it; established traffic passes; what is
 * not admitted is dropped, as Calico and Cilium do. Peers: podSelector, namespaceSelector, both,
 * ipBlock (its {@code except} is not supported: refused loudly). Ports by number or none; named
 * ports are refused. hostNetwork pods are neither selected nor peers. Its label selector matching
 * is its own, not the product's LabelSelectors: a bug there would otherwise hide from both
 * doctor's policy check and this enforcement.
 */
final class PolicyEnforcer implements AutoCloseable {

  static final String CHAIN = "QPERF-NETPOL";
  private static final String INGRESS_OK = "0x10000000";
  private static final String EGRESS_OK = "0x20000000";
  private static final List<String> HOOKS = List.of("FORWARD", "INPUT");
  private final KubernetesClient client;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "netpol"));
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile String lastError;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<NetworkPolicy> policies;
  private SharedIndexInformer<Namespace> namespaces;

  private PolicyEnforcer(KubernetesClient client) {
    this.client = client;
  }

  /** Installs the (empty) chains and their jumps, then follows the cluster. Takes root. */
  static PolicyEnforcer start(KubernetesClient admin) throws IOException, InterruptedException {
    PolicyEnforcer e = new PolicyEnforcer(admin);
    for (String ipt : List.of("iptables", "ip6tables")) {
      e.restore(ipt, List.of());
      for (String hook : HOOKS) {
        if (Shell.run(Map.of(), ipt, "-w", "-C", hook, "-j", CHAIN).exitCode() != 0) {
          check(Shell.run(Map.of(), ipt, "-w", "-I", hook, "1", "-j", CHAIN));
        }
      }
    }
    ResourceEventHandler<Object> onChange = new ResourceEventHandler<>() {
      @Override public void onAdd(Object o) { e.schedule(); }
      @Override public void onUpdate(Object o, Object n) { e.schedule(); }
      @Override public void onDelete(Object o, boolean unknown) { e.schedule(); }
    };
    e.pods = admin.pods().inAnyNamespace().runnableInformer(0);
    e.policies = admin.network().v1().networkPolicies().inAnyNamespace().runnableInformer(0);
    e.namespaces = admin.namespaces().runnableInformer(0);
    e.informers.addAll(List.of(e.pods, e.policies, e.namespaces));
    for (SharedIndexInformer<?> informer : e.informers) { // every store in place before the first sync
      informer.addEventHandler(cast(onChange));
      informer.run();
    }
    e.schedule();
    return e;
  }

  /** The rules of the last sync that could not be applied, if any (for a test's failure message). */
  String lastError() {
    return lastError;
  }

  private void schedule() {
    if (pending.compareAndSet(false, true)) {
      sync.schedule(this::sync, 50, TimeUnit.MILLISECONDS);
    }
  }

  private void sync() {
    pending.set(false);
    try {
      List<Pod> running = pods.getStore().list().stream().filter(p -> p.getStatus() != null
          && p.getStatus().getPodIPs() != null && !p.getStatus().getPodIPs().isEmpty()
          && !Boolean.TRUE.equals(p.getSpec().getHostNetwork())).toList();
      for (String ipt : List.of("iptables", "ip6tables")) {
        restore(ipt, rules(running, ipt.equals("ip6tables")));
      }
      lastError = null;
    } catch (IOException | RuntimeException e) {
      lastError = e.getMessage();
      System.err.println("netpol: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every MARK rule first (what each isolated pod admits), then a drop per isolated pod without its mark. */
  private List<String> rules(List<Pod> running, boolean v6) {
    List<String> admits = new ArrayList<>();
    List<String> drops = new ArrayList<>();
    for (Pod pod : running) {
      for (String ip : ips(pod, v6)) {
        List<NetworkPolicy> ingress = selecting(pod, "Ingress");
        if (!ingress.isEmpty()) {
          for (NetworkPolicy p : ingress) {
            for (var rule : nullToEmpty(p.getSpec().getIngress())) {
              admits.addAll(admit("-d " + ip, "-s", peers(p, rule.getFrom(), v6), rule.getPorts(), INGRESS_OK));
            }
          }
          drops.add("-d " + ip + " -m mark ! --mark " + INGRESS_OK + "/" + INGRESS_OK + " -j DROP");
        }
        List<NetworkPolicy> egress = selecting(pod, "Egress");
        if (!egress.isEmpty()) {
          for (NetworkPolicy p : egress) {
            for (var rule : nullToEmpty(p.getSpec().getEgress())) {
              admits.addAll(admit("-s " + ip, "-d", peers(p, rule.getTo(), v6), rule.getPorts(), EGRESS_OK));
            }
          }
          drops.add("-s " + ip + " -m mark ! --mark " + EGRESS_OK + "/" + EGRESS_OK + " -j DROP");
        }
      }
    }
    List<String> rules = new ArrayList<>();
    rules.add("-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN");
    rules.add("-j MARK --and-mark 0xcfffffff");
    rules.addAll(admits);
    rules.addAll(drops);
    return rules;
  }

  /** One rule per peer address and port; {@code peers} null means any address. */
  private static List<String> admit(String self, String peerFlag, List<String> peers, List<NetworkPolicyPort> ports,
      String mark) {
    List<String> out = new ArrayList<>();
    for (String peer : peers == null ? java.util.Collections.<String>singletonList(null) : peers) {
      String from = peer == null ? "" : " " + peerFlag + " " + peer;
      if (ports == null || ports.isEmpty()) {
        out.add(self + from + " -j MARK --or-mark " + mark);
        continue;
      }
      for (NetworkPolicyPort port : ports) {
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        String dport = "";
        if (port.getPort() != null) {
          if (port.getPort().getIntVal() == null) {
            throw new IllegalArgumentException("named port " + port.getPort().getStrVal() + ": not supported here");
          }
          dport = " --dport " + port.getPort().getIntVal();
        }
        out.add(self + from + " -p " + protocol.toLowerCase() + (dport.isEmpty() ? "" : " -m " + protocol.toLowerCase())
            + dport + " -j MARK --or-mark " + mark);
      }
    }
    return out;
  }

  /** The addresses of the peers of one rule; null when the rule names none (any address). */
  private List<String> peers(NetworkPolicy policy, List<NetworkPolicyPeer> peers, boolean v6) {
    if (peers == null || peers.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (NetworkPolicyPeer peer : peers) {
      if (peer.getIpBlock() != null) {
        if (peer.getIpBlock().getExcept() != null && !peer.getIpBlock().getExcept().isEmpty()) {
          throw new IllegalArgumentException("ipBlock except: not supported here");
        }
        if (peer.getIpBlock().getCidr().contains(":") == v6) {
          out.add(peer.getIpBlock().getCidr());
        }
        continue;
      }
      for (Pod pod : pods.getStore().list()) {
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
          continue;
        }
        String ns = pod.getMetadata().getNamespace();
        boolean nsMatches = peer.getNamespaceSelector() == null ? ns.equals(policy.getMetadata().getNamespace())
            : matches(peer.getNamespaceSelector(), labels(namespaces.getStore().getByKey(ns)));
        if (nsMatches && (peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.getMetadata().getLabels()))) {
          out.addAll(ips(pod, v6));
        }
      }
    }
    return out;
  }

  private List<NetworkPolicy> selecting(Pod pod, String type) {
    return policies.getStore().list().stream()
        .filter(p -> p.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()))
        .filter(p -> types(p).contains(type))
        .filter(p -> matches(p.getSpec().getPodSelector(), pod.getMetadata().getLabels()))
        .toList();
  }

  /** As the API server defaults them: Ingress always, Egress when the policy has egress rules. */
  private static List<String> types(NetworkPolicy p) {
    if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
      return p.getSpec().getPolicyTypes();
    }
    return p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty() ? List.of("Ingress")
        : List.of("Ingress", "Egress");
  }

  private static List<String> ips(Pod pod, boolean v6) {
    return pod.getStatus() == null || pod.getStatus().getPodIPs() == null ? List.of()
        : pod.getStatus().getPodIPs().stream().map(PodIP::getIp).filter(ip -> ip != null && ip.contains(":") == v6)
            .toList();
  }

  private static Map<String, String> labels(Namespace ns) {
    return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : nullToEmpty(selector.getMatchExpressions())) {
      String v = l.get(r.getKey());
      List<String> values = nullToEmpty(r.getValues());
      boolean ok = switch (r.getOperator()) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> v != null;
        case "DoesNotExist" -> v == null;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The chain replaced as a whole ({@code iptables-restore --noflush} flushes only the chains it names). */
  private void restore(String ipt, List<String> rules) throws IOException, InterruptedException {
    StringBuilder in = new StringBuilder("*filter\n:" + CHAIN + " - [0:0]\n");
    rules.forEach(r -> in.append("-A ").append(CHAIN).append(' ').append(r).append('\n'));
    in.append("COMMIT\n");
    Process p = new ProcessBuilder(ipt + "-restore", "-w", "--noflush").redirectErrorStream(true).start();
    p.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(ipt + "-restore failed: " + out + "\n" + in);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    informers.forEach(SharedIndexInformer::close);
    sync.shutdownNow();
    sync.awaitTermination(10, TimeUnit.SECONDS);
    for (String ipt : List.of("iptables", "ip6tables")) {
      for (String hook : HOOKS) {
        while (Shell.run(Map.of(), ipt, "-w", "-D", hook, "-j", CHAIN).exitCode() == 0) {
          // every jump to the chain, however many
        }
      }
      Shell.run(Map.of(), ipt, "-w", "-F", CHAIN);
      Shell.run(Map.of(), ipt, "-w", "-X", CHAIN);
    }
  }

  private static void check(Shell.Result r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(r.out() + r.err());
    }
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> h) {
    return (ResourceEventHandler<T>) h;
  }
}

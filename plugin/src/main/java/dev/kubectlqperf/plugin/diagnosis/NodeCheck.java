package dev.kubectlqperf.plugin.diagnosis;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the benchmark pods can go: nodes that are Ready, not cordoned, and carry no NoSchedule or
 * NoExecute taint the run's pods do not tolerate; the taints with the toleration that would admit
 * them; the zones of the schedulable nodes.
 */
public final class NodeCheck {

  public static final String ZONE = "topology.kubernetes.io/zone";
  private static final String LEGACY_ZONE = "failure-domain.beta.kubernetes.io/zone";
  /** Taints the node lifecycle sets for what the node's state already says (not ready, cordoned). */
  private static final Set<String> STATE_TAINTS = Set.of("node.kubernetes.io/not-ready",
      "node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable");

  private NodeCheck() {}

  public static List<Finding> evaluate(Fetched<List<Node>> fetched, RunAsk ask) {
    if (!fetched.ok()) {
      return List.of(Finding.unreadable("nodes", "nodes", fetched.error(),
          "kubectl get nodes (as a user who may list nodes); cross-node runs need two schedulable nodes"));
    }
    List<Node> nodes = fetched.value();
    List<String> schedulable = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    List<String> cordoned = new ArrayList<>();
    Map<String, List<Taint>> tainted = new TreeMap<>();
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      List<Taint> blocking = blockingTaints(node, ask.tolerations());
      if (!ready(node)) {
        notReady.add(name);
      } else if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
        cordoned.add(name);
      } else if (!blocking.isEmpty()) {
        tainted.put(name, blocking);
      } else {
        schedulable.add(name);
      }
    }
    boolean enough = schedulable.size() >= ask.nodesNeeded();
    List<Finding> findings = new ArrayList<>();
    findings.add(nodesFinding(nodes.size(), schedulable, notReady, cordoned, tainted, ask, enough));
    findings.add(taintsFinding(tainted, enough));
    findings.add(zonesFinding(nodes, schedulable));
    return findings;
  }

  private static Finding nodesFinding(int total, List<String> schedulable, List<String> notReady,
      List<String> cordoned, Map<String, List<Taint>> tainted, RunAsk ask, boolean enough) {
    StringBuilder detail = new StringBuilder(schedulable.size() + " of " + total + " schedulable");
    if (!schedulable.isEmpty()) {
      detail.append(" (").append(String.join(", ", schedulable)).append(')');
    }
    if (!notReady.isEmpty()) {
      detail.append("; not Ready: ").append(String.join(", ", notReady));
    }
    if (!cordoned.isEmpty()) {
      detail.append("; cordoned: ").append(String.join(", ", cordoned));
    }
    if (!tainted.isEmpty()) {
      detail.append("; tainted: ").append(String.join(", ", tainted.keySet()));
    }
    if (enough) {
      if (!ask.crossNode() && schedulable.size() < 2) {
        detail.append("; --cross-node needs two");
      }
      return Finding.pass("nodes", detail.toString());
    }
    detail.append(ask.crossNode() ? "; --cross-node needs two" : "; a run needs one");
    String fix = !tainted.isEmpty() ? "tolerate the taints (see taints)"
        : !cordoned.isEmpty() ? "kubectl uncordon " + cordoned.get(0)
        : !notReady.isEmpty() ? "kubectl describe node " + notReady.get(0) : "add nodes to the cluster";
    return Finding.fail("nodes", detail.toString(), fix);
  }

  private static Finding taintsFinding(Map<String, List<Taint>> tainted, boolean enough) {
    if (tainted.isEmpty()) {
      return Finding.pass("taints", "no taint keeps the benchmark pods off a Ready node");
    }
    String detail = tainted.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue().stream().map(NodeCheck::describe).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; "));
    List<Taint> distinct = tainted.values().stream().flatMap(List::stream).map(t -> new Taint(t.getEffect(),
        t.getKey(), null, t.getValue())).distinct().toList();
    String fix = "run from a manifest (create -f) with spec.serverConfiguration.podScheduling.tolerations and "
        + "spec.clientConfiguration.podScheduling.tolerations: "
        + distinct.stream().map(NodeCheck::toleration).collect(Collectors.joining(", "));
    return enough ? Finding.warn("taints", detail, fix) : Finding.fail("taints", detail, fix);
  }

  private static Finding zonesFinding(List<Node> nodes, List<String> schedulable) {
    Map<String, Integer> zones = new TreeMap<>();
    for (Node node : nodes) {
      if (schedulable.contains(node.getMetadata().getName())) {
        String zone = zoneOf(node);
        if (zone != null) {
          zones.merge(zone, 1, Integer::sum);
        }
      }
    }
    if (zones.isEmpty()) {
      return Finding.pass("zones", "no schedulable node has a " + ZONE + " label: no cross-zone scenarios");
    }
    return Finding.pass("zones", zones.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", ")));
  }

  /** Ready, not cordoned, and no taint the run's pods do not tolerate. */
  public static boolean schedulable(Node node, RunAsk ask) {
    return ready(node) && !Boolean.TRUE.equals(node.getSpec().getUnschedulable())
        && blockingTaints(node, ask.tolerations()).isEmpty();
  }

  static String zoneOf(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    if (labels == null) {
      return null;
    }
    return labels.getOrDefault(ZONE, labels.get(LEGACY_ZONE));
  }

  static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static List<Taint> blockingTaints(Node node, List<Toleration> tolerations) {
    if (node.getSpec() == null || node.getSpec().getTaints() == null) {
      return List.of();
    }
    return node.getSpec().getTaints().stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .filter(t -> !STATE_TAINTS.contains(t.getKey()))
        .filter(t -> tolerations.stream().noneMatch(tol -> tolerates(tol, t)))
        .toList();
  }

  /** Kubernetes' rule: the effect matches (or the toleration names none), and Exists on the key (or every key), or Equal with the value. */
  static boolean tolerates(Toleration toleration, Taint taint) {
    if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
        && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey() == null ? "" : toleration.getKey();
    if ("Exists".equals(toleration.getOperator())) {
      return key.isEmpty() || key.equals(taint.getKey());
    }
    return key.equals(taint.getKey()) && Objects.equals(blankToEmpty(toleration.getValue()), blankToEmpty(taint.getValue()));
  }

  private static String describe(Taint t) {
    return t.getKey() + (blankToEmpty(t.getValue()).isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect();
  }

  private static String toleration(Taint t) {
    return blankToEmpty(t.getValue()).isEmpty()
        ? "{key: " + t.getKey() + ", operator: Exists, effect: " + t.getEffect() + "}"
        : "{key: " + t.getKey() + ", operator: Equal, value: " + t.getValue() + ", effect: " + t.getEffect() + "}";
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s;
  }
}

package dev.kubectlqperf.pipeline.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Plays the Qperf lifecycle for matrix children in the test: each call looks at the children,
 * checks that the ones still running share no node, and ends them with the phase and bandwidth
 * the test chose per (src, dst). Remembers the uid each child name first had.
 */
final class ChildController {

  /** How one pair's run ends: its phase and headline bandwidth in bytes per second. */
  record Outcome(QperfPhase phase, double bandwidth) {}

  private final KubernetesClient client;
  private final String namespace;
  private final BiFunction<String, String, Outcome> outcome;
  final Map<String, String> uids = new LinkedHashMap<>();
  final List<List<String>> runningSets = new ArrayList<>();

  ChildController(KubernetesClient client, String namespace, BiFunction<String, String, Outcome> outcome) {
    this.client = client;
    this.namespace = namespace;
    this.outcome = outcome;
  }

  /** One look: records and checks the running children, then ends them all. */
  void step() {
    List<Qperf> running = children().stream().filter(c -> !ended(c)).toList();
    children().forEach(c -> uids.putIfAbsent(c.getMetadata().getName(), c.getMetadata().getUid()));
    if (running.isEmpty()) {
      return;
    }
    Set<String> busy = new HashSet<>();
    for (Qperf child : running) {
      assertTrue(busy.add(src(child)) & busy.add(dst(child)),
          "two running children share a node: " + running.stream().map(c -> c.getMetadata().getName()).toList());
    }
    runningSets.add(running.stream().map(c -> c.getMetadata().getName()).toList());
    running.forEach(this::end);
  }

  List<Qperf> children() {
    return client.resources(Qperf.class).inNamespace(namespace).withLabel(QperfResources.LABEL_MATRIX).list()
        .getItems();
  }

  private void end(Qperf child) {
    Outcome o = outcome.apply(src(child), dst(child));
    QperfStatus status = new QperfStatus().setPhase(o.phase());
    if (o.phase() == QperfPhase.Completed) {
      status.setResults(List.of(new TestSummary("tcp_bw", true, null,
          Map.of("bw", new TestSummary.Headline(BigDecimal.valueOf(o.bandwidth()), "B/s", null)))));
    }
    client.resources(Qperf.class).inNamespace(namespace).withName(child.getMetadata().getName()).editStatus(q -> {
      q.setStatus(status);
      return q;
    });
  }

  static String src(Qperf child) {
    return child.getMetadata().getAnnotations().get(QperfResources.ANNOTATION_SRC_NODE);
  }

  static String dst(Qperf child) {
    return child.getMetadata().getAnnotations().get(QperfResources.ANNOTATION_DST_NODE);
  }

  private static boolean ended(Qperf child) {
    return child.getStatus() != null && child.getStatus().getPhase() != null && child.getStatus().getPhase().isFinal();
  }
}

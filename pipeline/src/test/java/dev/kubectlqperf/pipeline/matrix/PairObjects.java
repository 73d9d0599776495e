package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.result.MetricStatistics;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One pair's ended child Qperf and client pod, built as the cluster would hold them: the child by
 * {@link MatrixChildren} (name, labels, annotations, owner, spec), its status the one the pipeline
 * wrote for a real run ({@link CompletedChild}) moved to the pair's nodes with its headline values
 * scaled by {@code factor}, the pod by {@link QperfManifests} with a kubelet-shaped ended status.
 * Each object goes through JSON once, as an informer's copy does: nothing is shared between pairs.
 */
final class PairObjects {

  private static final List<String> BANDWIDTH = List.of("bw", "recv_bw", "send_bw");
  private final QperfMatrix matrix;
  private final QperfSpec template;
  private final KubernetesSerialization json;
  private final String qperfJson;
  private final String podJson;

  PairObjects(QperfMatrix matrix, QperfSpec template, KubernetesSerialization json, CompletedChild real) {
    this.matrix = matrix;
    this.template = template;
    this.json = json;
    this.qperfJson = real.qperfJson();
    this.podJson = real.clientPodJson();
  }

  /** The ended child in JSON, as the API server sends it. */
  String childJson(Scenario scenario, NodePair pair, int index, double factor) {
    Qperf built = MatrixChildren.child(matrix, template, scenario, pair);
    Qperf ended = json.unmarshal(qperfJson, Qperf.class);
    ObjectMeta meta = built.getMetadata();
    meta.setUid(UUID.nameUUIDFromBytes(("child-" + index).getBytes()).toString());
    meta.setResourceVersion(String.valueOf(100_000 + 7L * index));
    meta.setCreationTimestamp(ended.getMetadata().getCreationTimestamp());
    meta.setGeneration(ended.getMetadata().getGeneration());
    ended.setMetadata(meta);
    ended.setSpec(built.getSpec());
    QperfStatus status = ended.getStatus();
    status.setServerNode(pair.dst().name()).setClientNode(pair.src().name())
        .setRunSpec(MatrixChildren.childSpec(status.getRunSpec(), scenario, pair))
        .setResults(status.getResults() == null ? null : status.getResults().stream().map(t -> scaled(t, factor)).toList())
        .setStatistics(status.getStatistics() == null ? null
            : status.getStatistics().stream().map(s -> scaled(s, factor)).toList());
    return json.asJson(ended);
  }

  /** The child's ended client pod in JSON, on the pair's client node. */
  String clientPodJson(Qperf child, int index) {
    Pod pod = QperfManifests.clientPod(child, 1);
    Pod real = json.unmarshal(podJson, Pod.class);
    pod.getMetadata().setUid(UUID.nameUUIDFromBytes(("pod-" + index).getBytes()).toString());
    pod.getMetadata().setResourceVersion(String.valueOf(100_001 + 7L * index));
    pod.getMetadata().setCreationTimestamp(real.getMetadata().getCreationTimestamp());
    pod.getSpec().setNodeName(child.getStatus().getClientNode());
    pod.setStatus(kubeletStatus(real.getStatus(), index));
    return json.asJson(pod);
  }

  <T> T parse(String text, Class<T> type) {
    return json.unmarshal(text, type);
  }

  /**
   * What a kubelet reports of an ended pod, beyond the fake kubelet's phase and exit code: the
   * conditions, the node's and pod's addresses, the start time, and the container's ids and image.
   */
  private static PodStatus kubeletStatus(PodStatus ended, int index) {
    ContainerStateTerminated done = ended.getContainerStatuses().get(0).getState().getTerminated();
    String at = done.getFinishedAt();
    String containerId = "containerd://" + UUID.nameUUIDFromBytes(("c-" + index).getBytes()).toString().replace("-", "")
        + UUID.nameUUIDFromBytes(("d-" + index).getBytes()).toString().replace("-", "");
    done.setContainerID(containerId);
    done.setStartedAt(at);
    String hostIp = "10.0." + (index / 250 % 250) + "." + (index % 250 + 1);
    String podIp = "10.244." + (index / 250 % 250) + "." + (index % 250 + 1);
    List<PodCondition> conditions = List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
        "PodScheduled").stream().map(type -> new PodConditionBuilder().withType(type).withLastTransitionTime(at)
            .withReason(type.equals("Ready") || type.equals("ContainersReady") ? "PodCompleted" : null)
            .withStatus(type.startsWith("PodRe") || type.equals("Ready") || type.equals("ContainersReady") ? "False"
                : "True").build())
        .toList();
    return new io.fabric8.kubernetes.api.model.PodStatusBuilder(ended)
        .withConditions(conditions).withHostIP(hostIp).withHostIPs(new HostIP(hostIp)).withPodIP(podIp)
        .withPodIPs(new PodIP(podIp)).withQosClass("BestEffort").withStartTime(at)
        .withContainerStatuses(new ContainerStatusBuilder(ended.getContainerStatuses().get(0))
            .withContainerID(containerId).withImage("docker.io/xridge/qperf:0.4.11")
            .withImageID("docker.io/xridge/qperf@sha256:" + "0123456789abcdef".repeat(4)).withReady(false)
            .withStarted(false).withRestartCount(0).build())
        .build();
  }

  private static TestSummary scaled(TestSummary test, double factor) {
    if (test.metrics() == null) {
      return test;
    }
    Map<String, TestSummary.Headline> metrics = new LinkedHashMap<>();
    test.metrics().forEach((metric, h) -> metrics.put(metric, h.value() == null ? h
        : new TestSummary.Headline(h.value().multiply(BigDecimal.valueOf(by(metric, factor))), h.unit(), h.text())));
    return new TestSummary(test.test(), test.ok(), test.error(), metrics, test.stream());
  }

  private static MetricStatistics scaled(MetricStatistics s, double factor) {
    double f = by(s.metric(), factor);
    return new MetricStatistics(s.test(), s.loop(), s.occurrence(), s.metric(), s.unit(), s.count(), s.mean() * f,
        s.stddev() == null ? null : s.stddev() * f, s.cvPercent(), s.min() * f, s.p50() * f, s.p90() * f, s.p99() * f,
        s.max() * f, s.ci95Low() == null ? null : s.ci95Low() * f, s.ci95High() == null ? null : s.ci95High() * f);
  }

  /** A slower path moves fewer bytes and takes longer per message. */
  private static double by(String metric, double factor) {
    return BANDWIDTH.contains(metric) ? factor : 1 / factor;
  }
}

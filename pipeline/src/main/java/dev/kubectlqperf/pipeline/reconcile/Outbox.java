package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.result.ClientPodResult;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.sink.Sink;
import dev.kubectlqperf.pipeline.sink.SinkConfig;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CR status is the outbox: a finished run lists its sinks as Pending in the same status write
 * that records its result, so a pipeline that dies before delivering resumes after a restart. The
 * result document itself is never stored twice: it is derived again from the client pod's log.
 */
public final class Outbox {

  private final SinkConfig sinks;
  private final ResultPublisher publisher;
  private final QperfCluster cluster;
  private final Clock clock;

  public Outbox(SinkConfig sinks, ResultPublisher publisher, QperfCluster cluster, Clock clock) {
    this.sinks = sinks;
    this.publisher = publisher;
    this.cluster = cluster;
    this.clock = clock;
  }

  /**
   * Marks every chosen sink Pending in the status about to be written; a sink this pipeline does
   * not deliver to is recorded as Failed with the reason, never silently skipped.
   */
  void record(Qperf qperf, QperfStatus next, QperfResult result) {
    List<String> chosen = qperf.getSpec() != null && qperf.getSpec().sinks() != null ? qperf.getSpec().sinks()
        : sinks.enabled().stream().map(Sink::id).toList();
    Map<String, SinkDelivery> deliveries = new LinkedHashMap<>();
    for (String sink : chosen) {
      deliveries.put(sink, sinks.has(sink) ? SinkDelivery.pending()
          : SinkDelivery.refused("sink '" + sink + "' is not configured in this pipeline (QPERF_SINKS)"));
    }
    next.setSinks(deliveries.isEmpty() ? null : deliveries);
  }

  /** Hands the result (or, for a run that failed before qperf ran, a document of its failure) on. */
  void publish(Qperf qperf, QperfResult result) {
    publisher.publish(qperf, result != null ? result : derive(qperf), pending(qperf.getStatus()));
  }

  /** After a restart: deliveries still Pending go out again. */
  void resume(Qperf qperf) {
    Set<String> pending = pending(qperf.getStatus());
    if (!pending.isEmpty()) {
      publisher.publish(qperf, derive(qperf), pending);
    }
  }

  private QperfResult derive(Qperf qperf) {
    Pod pod = cluster.pod(qperf.getMetadata().getNamespace(), QperfResources.clientPodName(qperf));
    if (pod != null && ClientPodResult.terminated(pod) != null) {
      return ClientPodResult.of(qperf, pod, cluster.clientLog(pod), clock.instant());
    }
    return failureWithoutOutput(qperf);
  }

  private static QperfResult failureWithoutOutput(Qperf qperf) {
    QperfStatus s = qperf.getStatus();
    RunIdentity run = RunIdentity.of(qperf, s.getCompletionTime(), s.getClientNode(), null);
    return new QperfResult(QperfResult.SCHEMA, false, run, null, List.of(),
        List.of(s.getReason() + ": " + s.getMessage()), List.of(), List.of());
  }

  static Set<String> pending(QperfStatus status) {
    Set<String> pending = new LinkedHashSet<>();
    if (status != null && status.getSinks() != null) {
      status.getSinks().forEach((sink, d) -> {
        if (d.state() == SinkDelivery.State.Pending) {
          pending.add(sink);
        }
      });
    }
    return pending;
  }
}

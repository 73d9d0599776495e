package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.result.ClientPodResult;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.sink.Sink;
import dev.kubectlqperf.pipeline.sink.SinkConfig;
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

  /** Hands the run's result document on to the sinks still waiting for it. */
  void publish(Qperf qperf, QperfResult result) {
    publisher.publish(qperf, result, pending(qperf.getStatus()));
  }

  /** After a restart: deliveries still Pending go out again, with the document derived again. */
  void resume(Qperf qperf) {
    Set<String> pending = pending(qperf.getStatus());
    if (!pending.isEmpty()) {
      QperfStatus s = qperf.getStatus();
      publisher.publish(qperf, derive(qperf, s.getReason() + ": " + s.getMessage()), pending);
    }
  }

  /**
   * The run's document from the client pods that ended (none, for a run that failed before qperf
   * ran). {@code whyIncomplete} is recorded in it when fewer repetitions ended than the spec asks.
   */
  QperfResult derive(Qperf qperf, String whyIncomplete) {
    return ClientPodResult.ofRun(qperf, cluster.clientPods(qperf), cluster::clientLog, clock.instant(), whyIncomplete);
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

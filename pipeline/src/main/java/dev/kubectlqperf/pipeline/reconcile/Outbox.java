package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CR status is the outbox: a finished run lists its sinks as Pending in the same status write
 * that records its result, so a pipeline that dies before delivering resumes after a restart. The
 * result document itself is never stored twice: it is derived again from the client pods' logs.
 */
public final class Outbox {

  private final SinkConfig sinks;
  private final ResultPublisher publisher;
  private final QperfCluster cluster;
  private final ClientLogs logs;
  private final Clock clock;

  public Outbox(SinkConfig sinks, ResultPublisher publisher, QperfCluster cluster, Duration logRetryWindow,
      Clock clock) {
    this.sinks = sinks;
    this.publisher = publisher;
    this.cluster = cluster;
    this.logs = new ClientLogs(cluster, logRetryWindow);
    this.clock = clock;
  }

  /**
   * Marks every chosen sink Pending in the status about to be written; a sink this pipeline does
   * not deliver to is recorded as Failed with the reason, never silently skipped. A matrix's child
   * leaves Slack out: its matrix posts once for all its pairs.
   */
  void record(Qperf qperf, QperfStatus next, QperfResult result) {
    List<String> chosen = qperf.getSpec() != null && qperf.getSpec().sinks() != null ? qperf.getSpec().sinks()
        : sinks.enabled().stream().map(Sink::id).toList();
    Map<String, SinkDelivery> deliveries = new LinkedHashMap<>();
    for (String sink : chosen) {
      if (Sink.SLACK.id().equals(sink) && QperfResources.isMatrixChild(qperf)) {
        continue; // the matrix posts one message for all its pairs when it ends
      }
      deliveries.put(sink, sinks.has(sink) ? SinkDelivery.pending()
          : SinkDelivery.refused("sink '" + sink + "' is not configured in this pipeline (QPERF_SINKS)"));
    }
    next.setSinks(deliveries.isEmpty() ? null : deliveries);
  }

  /** Hands the run's result document on to the sinks still waiting for it. */
  void publish(Qperf qperf, QperfResult result) {
    publisher.publish(qperf, result, pending(qperf.getStatus()));
  }

  /**
   * After a restart: deliveries still Pending go out again, with the document derived again from
   * the client logs. Returns when to look again when a log cannot be read now. A log gone for good
   * since the run recorded its result fails those deliveries: a document is never sent without it.
   */
  Duration resume(Qperf run) {
    Set<String> pending = pending(run.getStatus());
    if (pending.isEmpty()) {
      return null;
    }
    QperfStatus s = run.getStatus();
    ClientLogs.Reading reading = logs.read(run, cluster.clientPods(run), clock.instant());
    if (reading.retryIn() != null) {
      return reading.retryIn();
    }
    if (!reading.complete() && !"LogUnavailable".equals(s.getReason())) {
      String why = "the result can no longer be derived: " + String.join("; ", reading.unavailable());
      pending.forEach(sink -> cluster.replaceSinkDelivery(run.getMetadata().getNamespace(),
          run.getMetadata().getName(), run.getMetadata().getUid(), sink, SinkDelivery.refused(why)));
      return null;
    }
    publisher.publish(run, reading.document(run, clock.instant(), s.getReason() + ": " + s.getMessage()), pending);
    return null;
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

package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.sink.MatrixSlackMessage;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matrix's one Slack message, restart-safe through its status like a run's sinks: the status
 * write that ends the matrix records {@code slack: Pending}; the message is posted after that
 * write, then recorded Delivered (or Failed once the retries are spent). A pipeline that dies
 * between the post and its record posts again after the restart: the order loses no message, at
 * the cost of a duplicate in that one window; recording first would instead lose the message
 * whenever the post then fails or the pipeline dies before it.
 */
final class MatrixNotice {

  /** Posts one webhook payload. */
  @FunctionalInterface
  interface Poster {
    void post(String payload) throws SinkRefusal, InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(MatrixNotice.class);
  private final QperfCluster cluster;
  private final SinkConfig sinks;
  private final Poster slack;
  private final Clock clock;

  /** @param slack null when this pipeline has no Slack sink */
  MatrixNotice(QperfCluster cluster, SinkConfig sinks, Poster slack, Clock clock) {
    this.cluster = cluster;
    this.sinks = sinks;
    this.slack = slack;
    this.clock = clock;
  }

  /** On the status that ends the matrix: Slack Pending when this pipeline posts and the template lets it. */
  void record(QperfMatrixStatus ending) {
    var template = ending.getRunSpec() == null ? null : ending.getRunSpec().template();
    boolean chosen = template == null || template.sinks() == null || template.sinks().contains(Sink.SLACK.id());
    if (slack != null && chosen && ending.getSlack() == null) {
      ending.setSlack(SinkDelivery.pending());
    }
  }

  /**
   * Posts the message of an ended matrix whose status says Pending, and records the outcome.
   * @return when to try again, or null
   */
  Duration deliver(QperfMatrix matrix) {
    QperfMatrixStatus status = matrix.getStatus();
    SinkDelivery pending = status == null ? null : status.getSlack();
    if (slack == null || pending == null || pending.state() != SinkDelivery.State.Pending) {
      return null;
    }
    int attempts = (pending.attempts() == null ? 0 : pending.attempts()) + 1;
    SinkDelivery outcome;
    try {
      slack.post(MatrixSlackMessage.payload(matrix, sinks.slackChannel()));
      outcome = new SinkDelivery(SinkDelivery.State.Delivered, attempts, null,
          clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), null);
    } catch (SinkRefusal e) {
      boolean last = !e.retryable() || attempts > sinks.retries();
      LOG.warn("QperfMatrix {}/{}: Slack message attempt {} failed{}: {}", matrix.getMetadata().getNamespace(),
          matrix.getMetadata().getName(), attempts, last ? " for good" : "", e.getMessage());
      outcome = new SinkDelivery(last ? SinkDelivery.State.Failed : SinkDelivery.State.Pending, attempts,
          e.getMessage(), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null; // stays Pending: the next leader posts it
    }
    cluster.replaceMatrixStatus(matrix.getMetadata().getNamespace(), matrix.getMetadata().getName(),
        matrix.getMetadata().getUid(), status.copy().setSlack(outcome));
    return outcome.state() == SinkDelivery.State.Pending ? sinks.retryDelay().multipliedBy(attempts) : null;
  }
}

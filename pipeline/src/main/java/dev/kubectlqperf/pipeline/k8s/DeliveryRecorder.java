package dev.kubectlqperf.pipeline.k8s;

import dev.kubectlqperf.model.SinkDelivery;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in a run's status how delivery to one sink went: one JSON patch of that sink's entry
 * per change. The patch tests the run's uid, so it never lands on a newer run of the same name.
 *
 * <p>An outcome (Delivered, Failed) must land: until it does, the status says Pending and a restart
 * delivers again. So its write is retried with backoff through conflicts, server errors and lost
 * connections, holding the sink's thread (the delivery itself is never repeated for it), until it
 * lands, the run turns out gone or re-created (dropped, with one log line), or the pipeline stops.
 * An attempt count before a retry is only news: it is written once.
 */
public class DeliveryRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
  private final QperfCluster cluster;
  private final Clock clock;
  private final Duration firstRetry;
  private final Duration maxRetry;

  public DeliveryRecorder(QperfCluster cluster, Clock clock) {
    this(cluster, clock, Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** @param firstRetry the wait before the second write of an outcome, doubled up to {@code maxRetry} */
  DeliveryRecorder(QperfCluster cluster, Clock clock, Duration firstRetry, Duration maxRetry) {
    this.cluster = cluster;
    this.clock = clock;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
  }

  /** An attempt failed; another follows. */
  public void retrying(Run run, String sink, int attempts, String error) {
    SinkDelivery delivery = new SinkDelivery(SinkDelivery.State.Pending, attempts, error, null, null);
    try {
      write(run, sink, delivery);
    } catch (KubernetesClientException e) {
      LOG.debug("Qperf {}/{}: attempt {} of sink {} not recorded (HTTP {})", run.namespace(), run.name(), attempts,
          sink, e.getCode());
    }
  }

  public void delivered(Run run, String sink, int attempts) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    recordOutcome(run, sink, new SinkDelivery(SinkDelivery.State.Delivered, attempts, null, now, null));
  }

  public void failed(Run run, String sink, int attempts, String error, String deadLetter) {
    recordOutcome(run, sink, new SinkDelivery(SinkDelivery.State.Failed, attempts, error, null, deadLetter));
  }

  private void recordOutcome(Run run, String sink, SinkDelivery delivery) {
    Duration wait = firstRetry;
    for (int attempt = 1; ; attempt++) {
      try {
        write(run, sink, delivery);
        if (attempt > 1) {
          LOG.info("Qperf {}/{}: sink {} recorded as {} at write {}", run.namespace(), run.name(), sink,
              delivery.state(), attempt);
        }
        return;
      } catch (KubernetesClientException e) {
        if (!retryable(run, sink, delivery, e) || !pause(run, sink, delivery, e, attempt, wait)) {
          return;
        }
        wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
      }
    }
  }

  /** False, with the one log line that says why, when no retry can record this. */
  private static boolean retryable(Run run, String sink, SinkDelivery delivery, KubernetesClientException e) {
    int code = e.getCode();
    if (code == HttpURLConnection.HTTP_NOT_FOUND || code == 422) {
      LOG.warn("Qperf {}/{} (uid {}): {}; sink {} outcome {} dropped", run.namespace(), run.name(), run.uid(),
          code == HttpURLConnection.HTTP_NOT_FOUND ? "the run is gone"
              : "the run was re-created (another uid) or its status no longer lists its sinks", sink, delivery.state());
      return false;
    }
    if (code <= 0 || code == HttpURLConnection.HTTP_CLIENT_TIMEOUT || code == HttpURLConnection.HTTP_CONFLICT
        || code == 429 || code >= 500) {
      if (Thread.currentThread().isInterrupted()) {
        return stopping(run, sink, delivery);
      }
      return true;
    }
    LOG.error("Qperf {}/{}: cannot record sink {} as {} (HTTP {}: {}); it stays as it was in the status",
        run.namespace(), run.name(), sink, delivery.state(), code, e.getMessage());
    return false;
  }

  /** Waits before the next write; false when the pipeline is stopping. */
  private static boolean pause(Run run, String sink, SinkDelivery delivery, KubernetesClientException e, int attempt,
      Duration wait) {
    if (attempt == 1) {
      LOG.warn("Qperf {}/{}: cannot record sink {} as {} yet (HTTP {}: {}); trying again until it is recorded",
          run.namespace(), run.name(), sink, delivery.state(), e.getCode(), e.getMessage());
    }
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
      return stopping(run, sink, delivery);
    }
  }

  private static boolean stopping(Run run, String sink, SinkDelivery delivery) {
    LOG.error("Qperf {}/{}: sink {} could not be recorded as {} before the pipeline stopped: it stays Pending, and a "
        + "restart delivers it again", run.namespace(), run.name(), sink, delivery.state());
    return false;
  }

  private void write(Run run, String sink, SinkDelivery delivery) {
    cluster.replaceSinkDelivery(run.namespace(), run.name(), run.uid(), sink, delivery);
  }

  /** The run a delivery belongs to. */
  public record Run(String namespace, String name, String uid) {}
}

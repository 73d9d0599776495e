package dev.kubectlqperf.pipeline.k8s;

import dev.kubectlqperf.model.SinkDelivery;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in a run's status how delivery to one sink went: one JSON patch of that sink's entry
 * per change. The patch tests the run's uid, so it never lands on a newer run of the same name.
 * A failed write is logged, not thrown: the delivery itself must not be repeated for it.
 */
public class DeliveryRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
  private final QperfCluster cluster;
  private final Clock clock;

  public DeliveryRecorder(QperfCluster cluster, Clock clock) {
    this.cluster = cluster;
    this.clock = clock;
  }

  /** An attempt failed; another follows. */
  public void retrying(Run run, String sink, int attempts, String error) {
    record(run, sink, new SinkDelivery(SinkDelivery.State.Pending, attempts, error, null, null));
  }

  public void delivered(Run run, String sink, int attempts) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    record(run, sink, new SinkDelivery(SinkDelivery.State.Delivered, attempts, null, now, null));
  }

  public void failed(Run run, String sink, int attempts, String error, String deadLetter) {
    record(run, sink, new SinkDelivery(SinkDelivery.State.Failed, attempts, error, null, deadLetter));
  }

  private void record(Run run, String sink, SinkDelivery delivery) {
    try {
      cluster.replaceSinkDelivery(run.namespace(), run.name(), run.uid(), sink, delivery);
    } catch (KubernetesClientException e) {
      LOG.warn("Qperf {}/{}: cannot record sink {} as {} (HTTP {}); the run or its status changed meanwhile",
          run.namespace(), run.name(), sink, delivery.state(), e.getCode());
    }
  }

  /** The run a delivery belongs to. */
  public record Run(String namespace, String name, String uid) {}
}

package dev.kubectlqperf.pipeline.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a Qperf (or a schedule or matrix), so {@code kubectl describe} tells the story of a run. */
public class EventRecorder {

  public static final String COMPONENT = "qperf-pipeline";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** The API server parses eventTime with exactly six fractional digits (a MicroTime). */
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private final QperfCluster cluster;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(QperfCluster cluster, Clock clock) {
    this.cluster = cluster;
    this.clock = clock;
  }

  public void normal(HasMetadata qperf, String reason, String message) {
    record(qperf, "Normal", reason, message);
  }

  public void warning(HasMetadata qperf, String reason, String message) {
    record(qperf, "Warning", reason, message);
  }

  private void record(HasMetadata qperf, String type, String reason, String message) {
    String ns = qperf.getMetadata().getNamespace();
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
          .withNamespace(ns)
          .withName(qperf.getMetadata().getName() + "." + Long.toHexString(clock.millis()) + sequence.incrementAndGet())
        .endMetadata()
        .withNewInvolvedObject()
          .withApiVersion(qperf.getApiVersion()).withKind(qperf.getKind()).withNamespace(ns)
          .withName(qperf.getMetadata().getName()).withUid(qperf.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withEventTime(new MicroTime(MICRO_TIME.format(clock.instant())))
        .withReportingComponent(COMPONENT).withReportingInstance(COMPONENT)
        .withAction(reason)
        .withNewSource().withComponent(COMPONENT).endSource()
        .build();
    LOG.info("{} {}/{}: {} {}", qperf.getKind(), ns, qperf.getMetadata().getName(), reason, message);
    try {
      cluster.createEvent(event);
    } catch (KubernetesClientException e) {
      // An event is a courtesy; the status carries the facts.
      LOG.warn("{} {}/{}: could not record event {}: {}", qperf.getKind(), ns, qperf.getMetadata().getName(), reason, e.getMessage());
    }
  }
}

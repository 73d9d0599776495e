package dev.kubectlqperf.pipeline.delivery;

import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.pipeline.k8s.DeliveryRecorder;
import dev.kubectlqperf.pipeline.metrics.SinkMetrics;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happened to one delivery, told to the run's status and to the {@link DeliveryGuard}. The
 * sink routes call it: on success, before each retry, and when retries are exhausted.
 */
public final class DeliveryOutcomes {

  /** Header: the sink an exchange is being delivered to. */
  public static final String SINK = "QperfSink";
  /** Header: set once the sink has the result. */
  public static final String DELIVERED = "QperfDelivered";
  /** Exchange property: the result document, as it entered the sink route. */
  public static final String RESULT = "QperfResult";
  private static final String FAILED_ATTEMPTS = "QperfFailedAttempts";
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);

  private final DeliveryRecorder recorder;
  private final DeliveryGuard guard;
  private final SinkConfig config;
  private final SinkMetrics metrics;

  public DeliveryOutcomes(DeliveryRecorder recorder, DeliveryGuard guard, SinkConfig config, SinkMetrics metrics) {
    this.recorder = recorder;
    this.guard = guard;
    this.config = config;
    this.metrics = metrics;
  }

  public void delivered(Exchange e) {
    DeliveryRecorder.Run run = run(e);
    String sink = sink(e);
    recorder.delivered(run, sink, attempts(e) + 1);
    guard.ended(run.uid(), sink);
    metrics.deliveries(sink).increment();
    e.getMessage().setHeader(DELIVERED, true);
    LOG.info("Qperf {}/{}: delivered to {}", run.namespace(), run.name(), sink);
  }

  public void retrying(Exchange e) {
    Integer redelivery = e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
    e.setProperty(FAILED_ATTEMPTS, redelivery == null ? 1 : redelivery);
    DeliveryRecorder.Run run = run(e);
    String error = error(e);
    LOG.warn("Qperf {}/{}: delivery to {} failed, attempt {} of {}: {}", run.namespace(), run.name(), sink(e),
        attempts(e), config.retries() + 1, error);
    recorder.retrying(run, sink(e), attempts(e), error);
    metrics.retries(sink(e)).increment();
  }

  public void deadLettered(Exchange e, String file) {
    DeliveryRecorder.Run run = run(e);
    String sink = sink(e);
    String error = error(e);
    LOG.error("Qperf {}/{}: gave up delivering to {} after {} attempts, result kept in the dead letter as {}: {}",
        run.namespace(), run.name(), sink, attempts(e) + 1, file, error);
    recorder.failed(run, sink, attempts(e) + 1, error, file);
    guard.ended(run.uid(), sink);
    metrics.failures(sink).increment();
  }

  /** The pipeline is stopping mid-delivery: the status keeps it Pending for the next start. */
  public void abandoned(Exchange e) {
    DeliveryRecorder.Run run = run(e);
    LOG.info("Qperf {}/{}: delivery to {} left pending, the pipeline is stopping", run.namespace(), run.name(), sink(e));
    guard.abandoned(run.uid(), sink(e));
  }

  public static QperfResult result(Exchange e) {
    return e.getProperty(RESULT, QperfResult.class);
  }

  private static DeliveryRecorder.Run run(Exchange e) {
    RunIdentity id = result(e).run();
    return new DeliveryRecorder.Run(id.namespace(), id.name(), id.uid());
  }

  private static String sink(Exchange e) {
    return e.getMessage().getHeader(SINK, String.class);
  }

  /** Failed attempts so far, as counted before each redelivery (Camel's own counter is gone at the dead letter). */
  private static int attempts(Exchange e) {
    Integer failed = e.getProperty(FAILED_ATTEMPTS, Integer.class);
    return failed == null ? 0 : failed;
  }

  private String error(Exchange e) {
    Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (t == null) {
      t = e.getException();
    }
    return config.redact(describe(t));
  }

  /** The exception's own words and its causes', without class-name noise where a message says it. */
  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    if (t instanceof SinkRefusal) {
      return t.getMessage();
    }
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null && text.length() < 300; c = c.getCause() == c ? null : c.getCause()) {
      String said = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
      if (text.indexOf(said) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(said);
      }
    }
    return text.length() > 300 ? text.substring(0, 300) + "…" : text.toString();
  }
}

package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Retries for every sink route: exponential backoff from {@code QPERF_SINK_RETRY_DELAY_MS}, capped,
 * {@code QPERF_SINK_RETRIES} times, without holding a thread while waiting; a sink that asked for a
 * pause ({@code Retry-After}) sets the delay itself. What no retry can fix, or what exhausted its
 * retries, goes to the dead letter.
 */
public final class SinkErrorHandling extends RouteConfigurationBuilder {
  public static final String ID = "sink-delivery";

  private final SinkConfig config;
  private final DeliveryOutcomes outcomes;

  public SinkErrorHandling(SinkConfig config, DeliveryOutcomes outcomes) {
    this.config = config;
    this.outcomes = outcomes;
  }

  @Override
  public void configuration() {
    routeConfiguration(ID).errorHandler(deadLetterChannel(DeadLetterRoute.URI)
        .retryWhile(new ExpressionAdapter() {
          @Override
          public Object evaluate(Exchange e) {
            return worthRetrying(e);
          }
        })
        .redeliveryDelay(config.retryDelay().toMillis())
        .useExponentialBackOff()
        .backOffMultiplier(2)
        .maximumRedeliveryDelay(config.maxRetryDelay().toMillis())
        .asyncDelayedRedelivery()
        .allowRedeliveryWhileStopping(false)
        .onRedelivery(outcomes::retrying)
        .logExhausted(false)
        .logRetryAttempted(false)
        .logStackTrace(false)
        .logHandled(false));
  }

  /** Camel counts the redelivery it is about to make: 1 after the first failure. */
  private boolean worthRetrying(Exchange e) {
    Integer next = e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
    Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    boolean retryable = !(t instanceof SinkRefusal refusal) || refusal.retryable();
    return retryable && (next == null ? 1 : next) <= config.retries();
  }
}

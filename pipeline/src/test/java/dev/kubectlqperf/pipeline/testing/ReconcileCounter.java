package dev.kubectlqperf.pipeline.testing;

import static org.awaitility.Awaitility.await;

import dev.kubectlqperf.pipeline.route.ReconcileRoute;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts the reconciles a pipeline finished, per {@code namespace/name}: how a test knows the
 * pipeline has looked at a run again (a resync, an event) without sleeping. Add {@link #routes()}
 * to the pipeline's extra routes.
 */
public final class ReconcileCounter extends EventNotifierSupport {

  private static final String KEY = "qperf.test.key";
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public ReconcileCounter() {
    setIgnoreExchangeSendingEvents(false);
    setIgnoreExchangeSentEvents(false);
  }

  /** A route builder that only registers this counter with the pipeline's Camel context. */
  public RoutesBuilder routes() {
    return new RouteBuilder() {
      @Override
      public void configure() {
        getContext().getManagementStrategy().addEventNotifier(ReconcileCounter.this);
      }
    };
  }

  /** Does {@code action}, then waits for {@code passes} reconciles of {@code key} that began after it. */
  public void awaitAfter(String key, int passes, Duration atMost, Runnable action) {
    AtomicInteger count = counts.computeIfAbsent(key, k -> new AtomicInteger());
    int target = count.get() + passes;
    action.run();
    await(passes + " more reconciles of " + key).atMost(atMost).until(() -> count.get() >= target);
  }

  @Override
  public void notify(CamelEvent event) {
    if (event instanceof CamelEvent.ExchangeSendingEvent sending
        && ReconcileRoute.URI.equals(sending.getEndpoint().getEndpointUri().replace("direct://", "direct:"))) {
      sending.getExchange().setProperty(KEY, sending.getExchange().getMessage().getBody(String.class));
    } else if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getExchange().getProperty(KEY) != null) {
      counts.computeIfAbsent(sent.getExchange().getProperty(KEY, String.class), k -> new AtomicInteger())
          .incrementAndGet();
    }
  }
}

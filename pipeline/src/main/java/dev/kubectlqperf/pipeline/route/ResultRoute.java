package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.delivery.DeliveryGuard;
import dev.kubectlqperf.pipeline.config.Sink;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished runs: the result document in the body, the sinks still waiting for it in
 * {@link #SINKS}. Each sink not already delivering this run gets it on its own queue, so the caller
 * never waits for a sink; a copy of what was handed on goes to {@code {{qperf.results.uri}}} (a log
 * by default).
 */
public final class ResultRoute extends RouteBuilder {
  public static final String URI = "direct:results";
  public static final String SINKS = "QperfSinks";
  private static final String QUEUES = "QperfSinkQueues";

  private static final Logger LOG = LoggerFactory.getLogger(ResultRoute.class);
  private final DeliveryGuard guard;

  public ResultRoute(DeliveryGuard guard) {
    this.guard = guard;
  }

  @Override
  public void configure() {
    from(URI).routeId("qperf-results")
        .process(this::claimQueues)
        .filter(e -> !e.getMessage().getHeader(QUEUES, List.class).isEmpty())
        .to("{{qperf.results.uri}}")
        .setExchangePattern(ExchangePattern.InOnly)
        .recipientList(header(QUEUES));
  }

  private void claimQueues(Exchange e) {
    QperfResult result = e.getMessage().getBody(QperfResult.class);
    Collection<?> sinks = e.getMessage().getHeader(SINKS, Collection.class);
    List<String> claimed = sinks == null ? List.of() : sinks.stream().map(String::valueOf)
        .filter(sink -> guard.claim(result.run().uid(), sink)).toList();
    if (!claimed.isEmpty()) {
      LOG.info("Qperf {}/{}: result handed to {}", result.run().namespace(), result.run().name(), claimed);
    }
    e.getMessage().setHeader(QUEUES, claimed.stream().map(sink -> Sink.byId(sink).orElseThrow().queue()).toList());
  }
}

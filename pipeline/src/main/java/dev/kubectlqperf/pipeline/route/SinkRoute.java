package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.config.Sink;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** What every sink route shares: its queue, the retry configuration, the result kept aside. */
abstract class SinkRoute extends RouteBuilder {

  protected final DeliveryOutcomes outcomes;
  private final Sink sink;

  SinkRoute(Sink sink, DeliveryOutcomes outcomes) {
    this.sink = sink;
    this.outcomes = outcomes;
  }

  /** The start of the route {@code routeId}: the result is in the body and in {@link DeliveryOutcomes#RESULT}. */
  protected RouteDefinition fromQueue(String routeId) {
    return from(sink.queue() + "?concurrentConsumers={{qperf.sink.consumers}}").routeId(routeId)
        .routeConfigurationId(SinkErrorHandling.ID)
        .setHeader(DeliveryOutcomes.SINK, constant(sink.id()))
        .setProperty(DeliveryOutcomes.RESULT, body());
  }
}

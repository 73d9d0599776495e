package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.work.WorkQueue;
import org.apache.camel.builder.RouteBuilder;

/** Cluster events (Qperf keys) into the work queue, which serialises work per Qperf. */
public final class EventRoute extends RouteBuilder {
  public static final String URI = "direct:qperf-events";
  private final WorkQueue queue;

  public EventRoute(WorkQueue queue) {
    this.queue = queue;
  }

  @Override
  public void configure() {
    from(URI).routeId("qperf-events")
        .process(e -> queue.add(e.getMessage().getBody(String.class)));
  }
}

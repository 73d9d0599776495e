package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.k8s.QperfEventSource;
import dev.kubectlqperf.pipeline.work.WorkQueue;
import org.apache.camel.builder.RouteBuilder;

/** Events are hints: every Qperf is reconciled again periodically, whatever was missed. */
public final class ResyncRoute extends RouteBuilder {
  private final QperfEventSource source;
  private final WorkQueue queue;

  public ResyncRoute(QperfEventSource source, WorkQueue queue) {
    this.source = source;
    this.queue = queue;
  }

  @Override
  public void configure() {
    from("timer:qperf-resync?period={{qperf.resync.millis}}&delay={{qperf.resync.millis}}").routeId("qperf-resync")
        .process(e -> enqueueKnownRuns());
  }

  private void enqueueKnownRuns() {
    source.knownKeys().forEach(queue::add);
  }
}

package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.k8s.DeliveryRecorder;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;

/**
 * Finished runs: the result document in the body, the run in {@link #KEY}, the sinks still waiting
 * for it in {@link #SINKS}. Sinks subscribe to {@code {{qperf.results.uri}}}.
 */
public final class ResultRoute extends RouteBuilder {
  public static final String URI = "direct:results";
  public static final String KEY = "QperfKey";
  public static final String SINKS = "QperfSinks";

  private final DeliveryRecorder deliveries;

  public ResultRoute(DeliveryRecorder deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure() {
    from(URI).routeId("qperf-results")
        .log("Qperf ${header." + KEY + "}: result for sinks ${header." + SINKS + "}")
        .to("{{qperf.results.uri}}")
        .process(e -> deliveries.delivered(e.getMessage().getHeader(KEY, String.class),
            e.getMessage().getHeader(SINKS, Set.class)));
  }
}

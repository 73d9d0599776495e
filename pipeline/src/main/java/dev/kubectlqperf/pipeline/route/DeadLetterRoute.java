package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Results a sink never took: the document is written to
 * {@code {{qperf.dead-letter.dir}}/<sink>/<namespace>.<name>.<uid>.json} (atomically, through a
 * temporary name) and the run's status says so. {@code qperf-pipeline replay} sends them again.
 * A delivery cut short because the pipeline is stopping is not dead: it stays Pending.
 */
public final class DeadLetterRoute extends RouteBuilder {
  public static final String URI = "direct:dead-letter";
  private final DeliveryOutcomes outcomes;
  private final ResultJson json = new ResultJson();

  public DeadLetterRoute(DeliveryOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public void configure() {
    from(URI).routeId("result-dead-letter")
        .choice()
          .when(e -> e.getContext().isStopping())
            .process(outcomes::abandoned)
          .otherwise()
            .process(this::document)
            .to("file:{{qperf.dead-letter.dir}}?tempPrefix=.writing-")
            .process(e -> outcomes.deadLettered(e, e.getMessage().getHeader(Exchange.FILE_NAME, String.class)))
        .end();
  }

  private void document(Exchange e) {
    RunIdentity run = DeliveryOutcomes.result(e).run();
    e.getMessage().setHeader(Exchange.FILE_NAME, e.getMessage().getHeader(DeliveryOutcomes.SINK) + "/"
        + fileName(run));
    e.getMessage().setBody(json.pretty(DeliveryOutcomes.result(e)));
  }

  private static String fileName(RunIdentity run) {
    return run.namespace() + "." + run.name() + "." + run.uid() + ".json";
  }
}

package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.reconcile.ResultPublisher;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * How the pipeline's own classes hand work to its routes: the work queue a reconcile, the outbox a
 * finished run's result. Usable once the Camel Main it was given has started.
 */
public final class RouteGateway implements ResultPublisher {

  private final Main main;

  public RouteGateway(Main main) {
    this.main = main;
  }

  /** Reconciles {@code namespace/name} on the calling thread; the answer is when to look again. */
  public Duration reconcile(String key) {
    return template().requestBody(ReconcileRoute.URI, key, Duration.class);
  }

  @Override
  public void publish(Qperf qperf, QperfResult result, Set<String> sinks) {
    template().sendBodyAndHeader(ResultRoute.URI, result, ResultRoute.SINKS, sinks);
  }

  private ProducerTemplate template() {
    try {
      return main.getCamelTemplate();
    } catch (Exception e) {
      throw new IllegalStateException("Camel has not started", e);
    }
  }
}

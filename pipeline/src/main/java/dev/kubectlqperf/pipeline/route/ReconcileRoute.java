package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.reconcile.QperfReconciler;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;

/** One reconcile of one Qperf ({@code namespace/name} in the body); the reply is when to look again. */
public final class ReconcileRoute extends RouteBuilder {
  public static final String URI = "direct:reconcile";
  /** The MDC key that holds {@code namespace/name} while a run is reconciled; the log layouts print it. */
  public static final String MDC_RUN = "qperf";
  private final QperfReconciler reconciler;

  public ReconcileRoute(QperfReconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Override
  public void configure() {
    // The work queue owns retries (per key, with backoff); Camel only reports the failure back.
    from(URI).routeId("qperf-reconcile")
        .errorHandler(noErrorHandler())
        .process(this::reconcile);
  }

  /** Reconciles the run named in the body, its key in the MDC meanwhile; the body becomes when to look again. */
  private void reconcile(Exchange e) {
    String key = e.getMessage().getBody(String.class);
    int slash = key.indexOf('/');
    MDC.put(MDC_RUN, key);
    try {
      e.getMessage().setBody(reconciler.reconcile(key.substring(0, slash), key.substring(slash + 1)));
    } finally {
      MDC.remove(MDC_RUN);
    }
  }
}

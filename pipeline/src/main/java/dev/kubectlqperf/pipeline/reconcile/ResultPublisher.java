package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.result.QperfResult;
import java.util.Set;

/** Hands a finished run's result document to the sinks still waiting for it. */
@FunctionalInterface
public interface ResultPublisher {
  void publish(Qperf qperf, QperfResult result, Set<String> sinks);
}

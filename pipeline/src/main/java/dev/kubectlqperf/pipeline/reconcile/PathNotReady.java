package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A client that failed to reach its server before measuring anything, on a path that is set up
 * after the server is ready: a cluster DNS may publish a new Service, and kube-proxy program its
 * ClusterIP, a moment after the endpoints are ready, and qperf gives up on a failed lookup at once
 * and on the control connection after a few seconds. Such a run did not test the network yet. Pure.
 */
final class PathNotReady {

  /** qperf's words for a name it could not resolve, and a control connection that did not carry. */
  private static final List<String> MARKS =
      List.of("getaddrinfo failed", "failed to connect", "failed to receive port");

  private PathNotReady() {}

  /** qperf's message, when the client failed to reach the server before measuring anything. */
  static Optional<String> of(QperfResult result) {
    if (result.ok() || result.tests().stream().anyMatch(PathNotReady::measured)) {
      return Optional.empty();
    }
    return Stream.concat(result.errors().stream(), result.tests().stream().map(TestResult::error))
        .filter(e -> e != null && MARKS.stream().anyMatch(e::contains)).findFirst();
  }

  private static boolean measured(TestResult test) {
    return test.ok() || test.metrics() != null && !test.metrics().isEmpty();
  }
}

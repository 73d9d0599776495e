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
 * and on the control connection after a few seconds. Such a run did not test the network yet.
 * A client refused by kube-proxy's no-endpoints rule may still connect on its SYN's retransmission
 * and then fail its first read ("failed to receive port: Resource temporarily unavailable"). Pure.
 */
final class PathNotReady {

  /** qperf's words for a name it could not resolve, and a control connection that did not carry. */
  private static final List<String> MARKS = List.of("getaddrinfo failed", "failed to connect",
      "failed to receive port", "failed to receive synchronization before test");

  /**
   * Failures after the server took the request: its per-test child has sent the data port and
   * waits in accept() with no timeout, and the server takes no other request until that child
   * ends, so every later client would time out.
   */
  private static final List<String> AFTER_REQUEST = List.of("failed to receive port",
      "failed to receive synchronization before test");

  private PathNotReady() {}

  /** qperf's message, when the client failed to reach the server before measuring anything. */
  static Optional<String> of(QperfResult result) {
    if (result.ok() || result.tests().stream().anyMatch(PathNotReady::measured)) {
      return Optional.empty();
    }
    return Stream.concat(result.errors().stream(), result.tests().stream().map(TestResult::error))
        .filter(e -> e != null && MARKS.stream().anyMatch(e::contains)).findFirst();
  }

  /** Whether the server may be stuck with the failed client's test: only a new server serves again. */
  static boolean leavesServerWaiting(String error) {
    return AFTER_REQUEST.stream().anyMatch(error::contains);
  }

  private static boolean measured(TestResult test) {
    return test.ok() || test.metrics() != null && !test.metrics().isEmpty();
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A client that could not resolve the server's name and so measured nothing: qperf gives up on the
 * first failed lookup (it retries connecting, never resolving), while a cluster DNS may publish a
 * new Service a moment after its endpoints are ready. Such a run did not test the network yet. Pure.
 */
final class UnresolvedName {

  private static final String MARK = "getaddrinfo failed";

  private UnresolvedName() {}

  /** qperf's message, when the client failed on its name lookup before measuring anything. */
  static Optional<String> of(QperfResult result) {
    if (result.ok() || result.tests().stream().anyMatch(UnresolvedName::measured)) {
      return Optional.empty();
    }
    return Stream.concat(result.errors().stream(), result.tests().stream().map(TestResult::error))
        .filter(e -> e != null && e.contains(MARK)).findFirst();
  }

  private static boolean measured(TestResult test) {
    return test.ok() || test.metrics() != null && !test.metrics().isEmpty();
  }
}

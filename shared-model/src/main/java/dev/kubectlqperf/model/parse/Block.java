package dev.kubectlqperf.model.parse;

import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One test block while it is being read: a header, then warnings, values and maybe errors. */
final class Block {
  final String test;
  final Map<String, Metric> metrics = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> localErrors = new ArrayList<>();

  Block(String test) {
    this.test = test;
  }

  /** A block without values failed, except {@code quit}, which never prints any. */
  boolean failed() {
    return !localErrors.isEmpty() || (metrics.isEmpty() && !test.equals(QperfTest.quit.name()));
  }

  TestResult toResult(String error) {
    return new TestResult(test, error == null, error, Collections.unmodifiableMap(metrics), Map.of(),
        List.copyOf(warnings));
  }
}

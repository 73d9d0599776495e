package dev.kubectlqperf.model.parse;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the {@code -oo} loop variables: among the parameters qperf prints with {@code -vu}, those
 * whose value changes between the repeated blocks of one test.
 */
final class LoopVariables {

  private static final Set<String> PARAMETERS = Set.of("access_recv", "affinity", "alt_port", "flip", "id",
      "msg_size", "mtu_size", "no_msgs", "poll_mode", "port", "rd_atomic", "service_level", "sock_buf_size",
      "src_path_bits", "static_rate", "time", "timeout", "use_cm");

  private LoopVariables() {}

  static List<TestResult> annotate(List<TestResult> tests) {
    Map<String, List<TestResult>> byTest = tests.stream()
        .collect(Collectors.groupingBy(TestResult::test, LinkedHashMap::new, Collectors.toList()));
    List<TestResult> annotated = new ArrayList<>();
    for (TestResult t : tests) {
      List<TestResult> siblings = byTest.get(t.test());
      Map<String, Metric> loop = new LinkedHashMap<>();
      if (siblings.size() > 1) {
        t.metrics().forEach((name, metric) -> {
          if (isParameter(name) && varies(name, siblings)) {
            loop.put(name, metric);
          }
        });
      }
      annotated.add(new TestResult(t.test(), t.ok(), t.error(), t.metrics(), loop, t.warnings()));
    }
    return annotated;
  }

  private static boolean isParameter(String name) {
    String bare = name.startsWith("loc_") || name.startsWith("rem_") ? name.substring(4) : name;
    return PARAMETERS.contains(bare);
  }

  private static boolean varies(String name, List<TestResult> siblings) {
    return siblings.stream().map(s -> s.metrics().get(name)).map(m -> m == null ? null : m.value())
        .filter(Objects::nonNull).distinct().count() > 1;
  }
}

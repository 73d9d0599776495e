package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** From a result document to what the status shows of it: headlines, one line, the first error. */
public final class RunResults {

  /** The numbers a person looks at first; everything else stays in the document. */
  private static final Set<String> HEADLINE_METRICS = Set.of("bw", "send_bw", "recv_bw", "latency");
  private static final int MAX_HEADLINE = 160;

  private RunResults() {}

  public static List<TestSummary> summaries(QperfResult result) {
    List<TestSummary> summaries = new ArrayList<>();
    for (TestResult t : result.tests()) {
      Map<String, TestSummary.Headline> metrics = new LinkedHashMap<>();
      t.metrics().forEach((name, m) -> {
        if (m.isNumeric() && (HEADLINE_METRICS.contains(name) || isAtomicRate(t, name))) {
          metrics.put(name, new TestSummary.Headline(m.decimal(), m.unit(), m.text()));
        }
      });
      summaries.add(new TestSummary(t.test(), t.ok(), t.error(), metrics.isEmpty() ? null : metrics));
    }
    return summaries;
  }

  /** RDMA atomics print only a message rate. */
  private static boolean isAtomicRate(TestResult t, String name) {
    return name.equals("msg_rate") && t.metrics().keySet().stream().noneMatch(HEADLINE_METRICS::contains);
  }

  /** One line for the printer column, e.g. {@code tcp_bw 1.81 GB/sec, tcp_lat 6.99 us}. */
  public static String headline(QperfResult result) {
    String line = result.tests().stream().map(RunResults::headlineOf).collect(Collectors.joining(", "));
    return line.length() <= MAX_HEADLINE ? line : line.substring(0, MAX_HEADLINE - 1) + "…";
  }

  /** One test block in a few words, e.g. {@code tcp_bw 1.81 GB/sec} or {@code tcp_lat failed}. */
  public static String headlineOf(TestResult t) {
    if (!t.ok()) {
      return t.test() + " failed";
    }
    String values = t.metrics().entrySet().stream()
        .filter(e -> HEADLINE_METRICS.contains(e.getKey()) || isAtomicRate(t, e.getKey()))
        .map(e -> (e.getKey().contains("_") ? e.getKey() + " " : "") + e.getValue().text())
        .collect(Collectors.joining(" "));
    return values.isEmpty() ? t.test() + " ok" : t.test() + " " + values;
  }

  /**
   * What a person needs first: the failed test's reason (which already holds the most telling of
   * qperf's error lines, and says so when qperf relayed an empty one), else qperf's first error.
   */
  public static String firstError(QperfResult result) {
    return result.tests().stream().filter(t -> !t.ok()).map(TestResult::error).findFirst()
        .orElse(result.errors().isEmpty() ? "qperf failed" : result.errors().get(0));
  }

}

package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.RepetitionOutcome;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** From a result document to what the status shows of it: headlines, statistics, one line, messages. */
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
        if (m.isNumeric() && isHeadline(name, t.metrics().keySet())) {
          metrics.put(name, new TestSummary.Headline(m.decimal(), m.unit(), m.text()));
        }
      });
      summaries.add(new TestSummary(t.test(), t.ok(), t.error(), metrics.isEmpty() ? null : metrics, t.stream()));
    }
    return summaries;
  }

  /** A headline metric of a test that has {@code testMetrics}; RDMA atomics print only a message rate. */
  private static boolean isHeadline(String metric, Collection<String> testMetrics) {
    return HEADLINE_METRICS.contains(metric)
        || metric.equals("msg_rate") && testMetrics.stream().noneMatch(HEADLINE_METRICS::contains);
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
        .filter(e -> isHeadline(e.getKey(), t.metrics().keySet()))
        .map(e -> (e.getKey().contains("_") ? e.getKey() + " " : "") + e.getValue().text())
        .collect(Collectors.joining(" "));
    return values.isEmpty() ? t.test() + " ok" : t.test() + " " + values;
  }

  /** The statistics of the headline metrics, for the status; null when nothing was measured. */
  public static List<MetricStatistics> headlineStatistics(QperfResult result) {
    List<MetricStatistics> all = result.statisticsOrEmpty();
    List<MetricStatistics> headline = all.stream().filter(s -> isHeadline(s.metric(),
        all.stream().filter(o -> o.test().equals(s.test())).map(MetricStatistics::metric).toList())).toList();
    return headline.isEmpty() ? null : headline;
  }

  /** One line of means and their spread, e.g. {@code tcp_bw 1.81 GB/sec ±1.2%, tcp_lat 7.02 us ±0.4% (5 runs)}. */
  public static String statisticsHeadline(QperfResult result) {
    List<MetricStatistics> stats = headlineStatistics(result);
    if (stats == null) {
      return null;
    }
    String line = stats.stream().map(RunResults::meanOf).collect(Collectors.joining(", "))
        + " (" + result.repetitionsOrEmpty().size() + " runs)";
    return line.length() <= MAX_HEADLINE ? line : line.substring(0, MAX_HEADLINE - 1) + "…";
  }

  /** e.g. {@code tcp_bw 1.81 GB/sec ±1.2%}: the mean and the coefficient of variation. */
  public static String meanOf(MetricStatistics s) {
    String metric = s.metric().contains("_") ? s.metric() + " " : "";
    String spread = s.cvPercent() == null ? "" : String.format(Locale.ROOT, " ±%.1f%%", s.cvPercent());
    return s.label() + " " + metric + Quantities.format(s.mean(), s.unit()) + spread;
  }

  public static String successMessage(QperfResult result) {
    int blocks = result.tests().size();
    int repetitions = result.repetitionsOrEmpty().size();
    String streams = result.parallel() ? " of " + ParallelHeadlines.streamCount(result) + " streams" : "";
    return (repetitions == 0 ? "all " + blocks + " test blocks" + streams + " succeeded"
        : "all " + repetitions + " repetitions succeeded (" + blocks + " test blocks" + streams + ")")
        + ParallelHeadlines.skewNote(result);
  }

  /** qperf's reason first, then the pod's when the kubelet ended it (e.g. DeadlineExceeded). */
  public static String failureMessage(QperfResult result, List<Pod> ended) {
    List<RepetitionOutcome> failed = result.repetitionsOrEmpty().stream().filter(r -> !r.ok()).toList();
    Pod pod = failed.isEmpty() ? ended.get(0) : ended.stream()
        .filter(p -> QperfResources.repetitionOf(p) == failed.get(0).repetition()).findFirst().orElse(ended.get(0));
    String qperfSays = failed.isEmpty() ? result.firstError() : failed.get(0).error();
    String podReason = pod.getStatus().getReason();
    String message = podReason == null ? qperfSays : qperfSays + " (pod: " + podReason
        + (pod.getStatus().getMessage() == null ? "" : ", " + pod.getStatus().getMessage()) + ")";
    return failed.isEmpty() ? message : failed.size() + " of " + result.repetitionsOrEmpty().size()
        + " repetitions failed; repetition " + failed.get(0).repetition() + ": " + message;
  }

  public static boolean deadlineExceeded(Pod pod) {
    return pod.getStatus() != null && "DeadlineExceeded".equals(pod.getStatus().getReason());
  }

  /** e.g. {@code all 2 thresholds met}, or each failed rule with what was measured. */
  public static String verdictMessage(Verdict verdict) {
    if (verdict.passed()) {
      return "all " + verdict.rules().size() + " thresholds met";
    }
    return verdict.failedRules().stream().map(r -> r.rule() + ": " + r.detail()).collect(Collectors.joining("; "));
  }
}

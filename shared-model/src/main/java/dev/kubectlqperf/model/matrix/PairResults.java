package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.result.MetricStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A child Qperf's outcome as a matrix {@link PairResult}. Pure. */
public final class PairResults {

  /** Bandwidth metrics in order of preference: udp_bw prints send_bw and recv_bw; what arrived counts. */
  private static final List<String> BANDWIDTH = List.of("bw", "recv_bw");
  private static final List<String> LATENCY = List.of("latency");

  private PairResults() {}

  /**
   * The pair and scenario from the child's annotations and labels, its phase and verdict, and its
   * headline bandwidth and latency: the median over repetitions when the status has statistics,
   * else the median of the test blocks' values.
   */
  public static PairResult fromChild(Qperf child) {
    Map<String, String> labels = orEmpty(child.getMetadata().getLabels());
    Map<String, String> annotations = orEmpty(child.getMetadata().getAnnotations());
    String src = annotations.getOrDefault(QperfResources.ANNOTATION_SRC_NODE, labels.get(QperfResources.LABEL_SRC_NODE));
    String dst = annotations.getOrDefault(QperfResources.ANNOTATION_DST_NODE, labels.get(QperfResources.LABEL_DST_NODE));
    QperfStatus status = child.getStatus() == null ? new QperfStatus() : child.getStatus();
    return new PairResult(src, dst, scenario(labels.get(QperfResources.LABEL_SCENARIO)),
        headline(status, BANDWIDTH), headline(status, LATENCY), child.getMetadata().getName(), status.getPhase(),
        status.getVerdict());
  }

  static Double headline(QperfStatus status, List<String> metrics) {
    for (String metric : metrics) {
      if (status.getStatistics() != null) {
        List<Double> medians = status.getStatistics().stream().filter(s -> metric.equals(s.metric()))
            .map(MetricStatistics::p50).toList();
        if (!medians.isEmpty()) {
          return Medians.of(medians);
        }
      }
      List<Double> values = new ArrayList<>();
      for (TestSummary test : status.getResults() == null ? List.<TestSummary>of() : status.getResults()) {
        TestSummary.Headline headline = test.metrics() == null ? null : test.metrics().get(metric);
        if (headline != null && headline.value() != null && !Boolean.FALSE.equals(test.ok())) {
          values.add(headline.value().doubleValue());
        }
      }
      if (!values.isEmpty()) {
        return Medians.of(values);
      }
    }
    return null;
  }

  private static Scenario scenario(String label) {
    for (Scenario scenario : Scenario.values()) {
      if (scenario.name().equals(label)) {
        return scenario;
      }
    }
    return null;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}

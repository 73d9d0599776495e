package dev.kubectlqperf.pipeline.metrics;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.PairResults;
import dev.kubectlqperf.model.result.MetricStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result gauges' values of one completed run, by where it came from: a schedule's run gives
 * the bandwidth and latency of each test, a matrix child those of its node pair and scenario; a run
 * of neither gives none. Pure.
 */
public final class ResultPoints {

  public static final String SCHEDULE_BANDWIDTH = "qperf_schedule_bandwidth_bytes_per_second";
  public static final String SCHEDULE_LATENCY = "qperf_schedule_latency_seconds";
  public static final String MATRIX_BANDWIDTH = "qperf_matrix_bandwidth_bytes_per_second";
  public static final String MATRIX_LATENCY = "qperf_matrix_latency_seconds";
  /** udp_bw prints send_bw and recv_bw: what arrived counts, as in the matrix. */
  private static final List<String> BANDWIDTH = List.of("bw", "recv_bw");
  private static final List<String> LATENCY = List.of("latency");

  /** One series (metric name and labels, in order) and its value. */
  public record Point(String metric, Map<String, String> labels, double value) {}

  private ResultPoints() {}

  public static List<Point> of(Qperf run) {
    QperfStatus status = run.getStatus();
    Map<String, String> labels = run.getMetadata().getLabels() == null ? Map.of() : run.getMetadata().getLabels();
    if (status == null || status.getPhase() != QperfPhase.Completed) {
      return List.of();
    }
    String namespace = run.getMetadata().getNamespace();
    if (labels.containsKey(QperfResources.LABEL_SCHEDULE)) {
      return schedulePoints(namespace, labels.get(QperfResources.LABEL_SCHEDULE), status);
    }
    if (labels.containsKey(QperfResources.LABEL_MATRIX)) {
      return matrixPoints(namespace, labels.get(QperfResources.LABEL_MATRIX), PairResults.fromChild(run));
    }
    return List.of();
  }

  private static List<Point> schedulePoints(String namespace, String schedule, QperfStatus status) {
    List<Point> points = new ArrayList<>();
    List<String> tests = status.getResults() == null ? List.of()
        : status.getResults().stream().map(TestSummary::test).filter(Objects::nonNull).distinct().toList();
    for (String test : tests) {
      Map<String, String> labels = ordered("namespace", namespace, "schedule", schedule, "test", test);
      add(points, SCHEDULE_BANDWIDTH, labels, headline(status, test, BANDWIDTH));
      add(points, SCHEDULE_LATENCY, labels, headline(status, test, LATENCY));
    }
    return points;
  }

  private static List<Point> matrixPoints(String namespace, String matrix, PairResult pair) {
    List<Point> points = new ArrayList<>();
    Map<String, String> labels = ordered("namespace", namespace, "matrix", matrix,
        "scenario", pair.scenario() == null ? "" : pair.scenario().name(),
        "src_node", Objects.toString(pair.src(), ""), "dst_node", Objects.toString(pair.dst(), ""));
    add(points, MATRIX_BANDWIDTH, labels, pair.bandwidth());
    add(points, MATRIX_LATENCY, labels, pair.latency());
    return points;
  }

  /** The median over repetitions when the status has statistics, else the median of the test's blocks. */
  private static Double headline(QperfStatus status, String test, List<String> metrics) {
    for (String metric : metrics) {
      List<Double> medians = status.getStatistics() == null ? List.of() : status.getStatistics().stream()
          .filter(s -> test.equals(s.test()) && metric.equals(s.metric())).map(MetricStatistics::p50).toList();
      if (!medians.isEmpty()) {
        return median(medians);
      }
      List<Double> values = new ArrayList<>();
      for (TestSummary summary : status.getResults()) {
        TestSummary.Headline headline = summary.metrics() == null ? null : summary.metrics().get(metric);
        if (test.equals(summary.test()) && headline != null && headline.value() != null
            && !Boolean.FALSE.equals(summary.ok())) {
          values.add(headline.value().doubleValue());
        }
      }
      if (!values.isEmpty()) {
        return median(values);
      }
    }
    return null;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private static void add(List<Point> points, String metric, Map<String, String> labels, Double value) {
    if (value != null) {
      points.add(new Point(metric, labels, value));
    }
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      labels.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return labels;
  }
}

package dev.kubectlqperf.model.stats;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.StreamAggregate;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parallel streams of a run measured together. Blocks measured together when they are of
 * one repetition and have the same test, loop values and position among the blocks of that test in
 * their stream; the sum is taken of bandwidths and rates, the spread (min, median, max) of every
 * numeric metric. Failed blocks add nothing. Pure.
 */
public final class StreamAggregation {

  /** Units whose values add up over streams that ran at once: bytes/s and messages/s. */
  public static final Set<String> SUMMABLE_UNITS = Set.of("B/s", "1/s");

  private StreamAggregation() {}

  /** One entry per repetition, test block and metric; empty for blocks without stream numbers. */
  public static List<StreamAggregate> of(List<TestResult> blocks) {
    Map<Key, Map<String, Values>> groups = new LinkedHashMap<>();
    Map<List<Object>, Integer> seen = new HashMap<>();
    Map<List<Object>, Integer> maxOccurrence = new HashMap<>();
    for (TestResult block : blocks) {
      if (block.stream() == null) {
        continue;
      }
      int repetition = block.repetition() == null ? 1 : block.repetition();
      Map<String, String> loop = loopTexts(block);
      int occurrence = seen.merge(List.of(repetition, block.stream(), block.test(), loop), 1, Integer::sum);
      maxOccurrence.merge(List.of(block.test(), loop), occurrence, Math::max);
      Map<String, Values> metrics = groups.computeIfAbsent(new Key(repetition, block.test(), loop, occurrence),
          k -> new LinkedHashMap<>());
      if (block.ok()) {
        block.metrics().forEach((name, metric) -> {
          if (metric.isNumeric()) {
            metrics.computeIfAbsent(name, n -> new Values(metric.unit())).add(metric);
          }
        });
      }
    }
    List<StreamAggregate> result = new ArrayList<>();
    groups.forEach((key, metrics) -> {
      boolean repeated = maxOccurrence.get(List.of(key.test(), key.loop())) > 1;
      metrics.forEach((name, values) -> result.add(values.aggregate(key, repeated ? key.occurrence() : null, name)));
    });
    return result;
  }

  /** The statistics of the sums over the repetitions: what a threshold on the sum judges. */
  public static List<MetricStatistics> sumStatistics(List<StreamAggregate> aggregates) {
    Map<List<Object>, List<StreamAggregate>> byMeasurement = new LinkedHashMap<>();
    for (StreamAggregate a : aggregates) {
      if (a.sum() != null) {
        Map<String, String> loop = a.loop() == null ? Map.of() : a.loop();
        List<Object> key = Arrays.asList(a.test(), loop, a.occurrence(), a.metric(), a.unit());
        byMeasurement.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
      }
    }
    List<MetricStatistics> result = new ArrayList<>();
    byMeasurement.values().forEach(list -> {
      StreamAggregate first = list.get(0);
      double[] sums = list.stream().mapToDouble(StreamAggregate::sum).toArray();
      result.add(MetricStatistics.of(first.test(), first.loop(), first.occurrence(), first.metric(), first.unit(),
          Statistics.of(sums)));
    });
    return result;
  }

  private static Map<String, String> loopTexts(TestResult block) {
    Map<String, String> loop = new LinkedHashMap<>();
    if (block.loop() != null) {
      block.loop().forEach((name, metric) -> loop.put(name, metric.text()));
    }
    return loop;
  }

  private record Key(int repetition, String test, Map<String, String> loop, int occurrence) {}

  private static final class Values {
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    Values(String unit) {
      this.unit = unit;
    }

    void add(Metric metric) {
      values.add(metric.decimal().doubleValue());
    }

    StreamAggregate aggregate(Key key, Integer occurrence, String metric) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      Double sum = SUMMABLE_UNITS.contains(unit) ? Arrays.stream(sorted).sum() : null;
      return new StreamAggregate(key.repetition(), key.test(), key.loop().isEmpty() ? null : key.loop(), occurrence,
          metric, unit, n, sum, sorted[0], median, sorted[n - 1]);
    }
  }
}

package dev.kubectlqperf.model.stats;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.TestResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the blocks of a run that measured the same thing and summarises each numeric metric.
 * Two blocks measured the same thing when they have the same test and loop values, and, when qperf
 * printed the same test several times in one repetition without loop values to tell them apart,
 * the same position among those. Failed blocks are not samples. The streams of a parallel run are
 * samples of one distribution: each stream's bandwidth, latency, … Pure.
 */
public final class ResultStatistics {

  private ResultStatistics() {}

  public static List<MetricStatistics> of(List<TestResult> blocks) {
    Map<GroupKey, Map<String, Samples>> groups = new LinkedHashMap<>();
    Map<GroupKey, Integer> maxOccurrence = new HashMap<>();
    Map<List<Object>, Integer> seen = new HashMap<>();
    for (TestResult block : blocks) {
      Map<String, String> loop = loopTexts(block);
      int stream = block.stream() == null ? 1 : block.stream();
      int occurrence = seen.merge(List.of(repetitionOf(block), stream, block.test(), loop), 1, Integer::sum);
      GroupKey key = new GroupKey(block.test(), loop, occurrence);
      maxOccurrence.merge(new GroupKey(block.test(), loop, 0), occurrence, Math::max);
      if (!block.ok()) {
        continue;
      }
      Map<String, Samples> metrics = groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
      block.metrics().forEach((name, metric) -> {
        if (metric.isNumeric()) {
          metrics.computeIfAbsent(name, n -> new Samples(metric.unit())).add(metric);
        }
      });
    }
    List<MetricStatistics> result = new ArrayList<>();
    groups.forEach((key, metrics) -> {
      boolean repeated = maxOccurrence.get(new GroupKey(key.test(), key.loop(), 0)) > 1;
      metrics.forEach((name, samples) -> result.add(MetricStatistics.of(key.test(), key.loop(),
          repeated ? key.occurrence() : null, name, samples.unit, Statistics.of(samples.values()))));
    });
    return result;
  }

  private static int repetitionOf(TestResult block) {
    return block.repetition() == null ? 1 : block.repetition();
  }

  private static Map<String, String> loopTexts(TestResult block) {
    Map<String, String> loop = new LinkedHashMap<>();
    if (block.loop() != null) {
      block.loop().forEach((name, metric) -> loop.put(name, metric.text()));
    }
    return loop;
  }

  private record GroupKey(String test, Map<String, String> loop, int occurrence) {}

  private static final class Samples {
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    Samples(String unit) {
      this.unit = unit;
    }

    void add(Metric metric) {
      values.add(metric.decimal().doubleValue());
    }

    double[] values() {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}

package dev.kubectlqperf.pipeline.sink;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.StreamAggregate;
import dev.kubectlqperf.model.result.TestResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

/**
 * A result document as InfluxDB points, pure: one point per test block in measurement
 * {@value #MEASUREMENT}, tagged with what people filter on, one field per metric in its base unit.
 * A matrix's child run is also tagged {@code matrix}, {@code scenario}, {@code src_node},
 * {@code dst_node}, {@code src_zone} and {@code dst_zone}, which the dashboard's matrix panel groups by.
 *
 * <p>The run's statistics go to measurement {@value #STATISTICS_MEASUREMENT}: one point per test,
 * loop values and metric, with count, mean, stddev, cv_percent, min, p50, p90, p99, max and the
 * 95 % confidence interval as fields. A run with thresholds tags every point with its verdict.
 *
 * <p>A run of parallel streams tags each block's point with its {@code stream} (1, 2, …) and adds,
 * per repetition and test block, an aggregate point tagged {@code stream=sum}: each bandwidth or
 * rate as the sum over the streams, every other metric as the median stream, with
 * {@code <metric>_min}, {@code <metric>_max} and {@code streams}. The statistics of the sums go to
 * {@value #STATISTICS_MEASUREMENT} tagged {@code stream=sum}.
 *
 * <p>The timestamp is the run's completion time plus the block's index in nanoseconds. InfluxDB
 * keeps one point per series and timestamp, so writing the same result again overwrites it instead
 * of doubling it, and blocks of one run that share a tag set stay apart.
 */
public final class InfluxPoints {

  public static final String MEASUREMENT = "qperf";
  public static final String STATISTICS_MEASUREMENT = "qperf_stats";

  private InfluxPoints() {}

  public static BatchPoints batch(QperfResult result, String database, String retentionPolicy, Instant fallbackTime) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    long completion = nanos(run.endTime() != null ? Instant.parse(run.endTime()) : fallbackTime);
    BatchPoints.Builder batch = BatchPoints.database(database).retentionPolicy(retentionPolicy)
        .precision(TimeUnit.NANOSECONDS);
    if (result.tests().isEmpty()) {
      batch.point(runTags(Point.measurement(MEASUREMENT), run).time(completion, TimeUnit.NANOSECONDS)
          .addField("ok", false).addField("error", String.join("; ", result.errors())).build());
    }
    String verdict = result.verdict() == null ? null : result.verdict().result().name();
    for (int i = 0; i < result.tests().size(); i++) {
      batch.point(point(run, verdict, result.tests().get(i), completion + i));
    }
    List<MetricStatistics> statistics = result.statisticsOrEmpty();
    for (int i = 0; i < statistics.size(); i++) {
      batch.point(statisticsPoint(run, verdict, statistics.get(i), completion + i, null));
    }
    List<MetricStatistics> sums = result.aggregateStatistics() == null ? List.of() : result.aggregateStatistics();
    for (int i = 0; i < sums.size(); i++) {
      batch.point(statisticsPoint(run, verdict, sums.get(i), completion + i, AGGREGATE_STREAM));
    }
    List<Point> aggregate = aggregatePoints(result, run, verdict, completion);
    aggregate.forEach(batch::point);
    return batch.build();
  }

  /** The tag value of the points that stand for all streams together. */
  public static final String AGGREGATE_STREAM = "sum";

  /** One point per repetition and block measured together: the streams' sum or median, and their range. */
  private static List<Point> aggregatePoints(QperfResult result, RunIdentity run, String verdict, long completion) {
    Map<List<Object>, Point.Builder> points = new LinkedHashMap<>();
    boolean repeated = !result.repetitionsOrEmpty().isEmpty();
    for (StreamAggregate a : result.aggregateOrEmpty()) {
      List<Object> key = java.util.Arrays.asList(a.repetition(), a.test(), a.loop(), a.occurrence());
      Point.Builder p = points.computeIfAbsent(key, k -> {
        Point.Builder b = runTags(Point.measurement(MEASUREMENT), run).tag("test", a.test())
            .tag("stream", AGGREGATE_STREAM).time(completion + points.size(), TimeUnit.NANOSECONDS)
            .addField("streams", (long) a.streams());
        tag(b, "verdict", verdict);
        tag(b, "repetition", repeated ? String.valueOf(a.repetition()) : null);
        tag(b, "occurrence", a.occurrence() == null ? null : a.occurrence().toString());
        if (a.loop() != null) {
          a.loop().forEach((name, value) -> tag(b, "loop_" + name, value));
        }
        return b;
      });
      p.addField(a.metric(), a.sum() != null ? a.sum() : a.median());
      p.addField(a.metric() + "_min", a.min());
      p.addField(a.metric() + "_max", a.max());
    }
    return points.values().stream().map(Point.Builder::build).toList();
  }

  private static Point point(RunIdentity run, String verdict, TestResult test, long time) {
    Point.Builder p = runTags(Point.measurement(MEASUREMENT), run).tag("test", test.test())
        .time(time, TimeUnit.NANOSECONDS).addField("ok", test.ok());
    tag(p, "verdict", verdict);
    tag(p, "repetition", test.repetition() == null ? null : test.repetition().toString());
    tag(p, "stream", test.stream() == null ? null : test.stream().toString());
    if (test.loop() != null) {
      test.loop().forEach((name, value) -> tag(p, "loop_" + name, plain(value)));
    }
    if (test.error() != null) {
      p.addField("error", test.error());
    }
    test.metrics().forEach((name, m) -> {
      if (m.isNumeric()) {
        p.addField(name, m.decimal().doubleValue());
      } else {
        p.addField(name, String.valueOf(m.value()));
      }
    });
    return p.build();
  }

  private static Point statisticsPoint(RunIdentity run, String verdict, MetricStatistics s, long time, String stream) {
    Point.Builder p = runTags(Point.measurement(STATISTICS_MEASUREMENT), run).tag("test", s.test())
        .tag("metric", s.metric()).time(time, TimeUnit.NANOSECONDS)
        .addField("count", (long) s.count()).addField("mean", s.mean()).addField("min", s.min())
        .addField("p50", s.p50()).addField("p90", s.p90()).addField("p99", s.p99()).addField("max", s.max());
    tag(p, "verdict", verdict);
    tag(p, "occurrence", s.occurrence() == null ? null : s.occurrence().toString());
    tag(p, "stream", stream);
    if (s.loop() != null) {
      s.loop().forEach((name, value) -> tag(p, "loop_" + name, value));
    }
    field(p, "stddev", s.stddev());
    field(p, "cv_percent", s.cvPercent());
    field(p, "ci95_low", s.ci95Low());
    field(p, "ci95_high", s.ci95High());
    return p.build();
  }

  /** A statistic one sample cannot give is left out rather than written as a made-up value. */
  private static void field(Point.Builder p, String name, Double value) {
    if (value != null) {
      p.addField(name, value);
    }
  }

  private static Point.Builder runTags(Point.Builder p, RunIdentity run) {
    tag(p, "namespace", run.namespace());
    tag(p, "run", run.name());
    tag(p, "server_node", run.serverNode());
    tag(p, "client_node", run.clientNode());
    tag(p, "service_type", run.serviceType());
    tag(p, "ip_family", run.ipFamily());
    tag(p, "server_host_network", run.serverHostNetwork() == null ? null : run.serverHostNetwork().toString());
    tag(p, "client_host_network", run.clientHostNetwork() == null ? null : run.clientHostNetwork().toString());
    if (run.matrix() != null) {
      tag(p, "matrix", run.matrix().name());
      tag(p, "scenario", run.matrix().scenario());
      tag(p, "src_node", run.matrix().srcNode());
      tag(p, "dst_node", run.matrix().dstNode());
      tag(p, "src_zone", run.matrix().srcZone());
      tag(p, "dst_zone", run.matrix().dstZone());
    }
    return p;
  }

  /** InfluxDB has no empty tag values: an unknown tag is left out. */
  private static void tag(Point.Builder p, String key, String value) {
    if (value != null && !value.isEmpty()) {
      p.tag(key, value);
    }
  }

  private static String plain(Metric m) {
    return m.isNumeric() ? m.decimal().stripTrailingZeros().toPlainString() : String.valueOf(m.value());
  }

  private static long nanos(Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }

}

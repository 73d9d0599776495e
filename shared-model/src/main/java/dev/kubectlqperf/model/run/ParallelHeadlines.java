package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.StartSkew;
import dev.kubectlqperf.model.result.StreamOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What the status and the CLI say of a run of parallel streams: the sum, the spread, the start skew. Pure. */
public final class ParallelHeadlines {

  private static final Set<String> HEADLINE_METRICS = Set.of("bw", "send_bw", "recv_bw", "latency", "msg_rate");
  private static final int MAX_HEADLINE = 160;

  private ParallelHeadlines() {}

  /**
   * e.g. {@code tcp_bw sum 7.2 GB/sec (4 streams, 1.7–1.9 GB/sec), tcp_lat 12 us (4 streams, 11–14 us)}:
   * bandwidths and rates as their sum over the streams (the mean over repetitions) and the range of
   * one stream; latencies as the median stream and the range.
   */
  public static String headline(QperfResult result) {
    int streams = streamCount(result);
    List<MetricStatistics> perStream = result.statisticsOrEmpty().stream()
        .filter(s -> HEADLINE_METRICS.contains(s.metric())).toList();
    String line = perStream.stream().map(s -> {
      String metric = s.metric().contains("_") ? s.metric() + " " : "";
      String range = " (" + streams + " streams, " + Quantities.format(s.min(), s.unit()) + "–"
          + Quantities.format(s.max(), s.unit()) + ")";
      return sumOf(result, s).map(sum -> s.label() + " " + metric + "sum " + Quantities.format(sum.mean(), s.unit()) + range)
          .orElse(s.label() + " " + metric + Quantities.format(s.p50(), s.unit()) + range);
    }).collect(Collectors.joining(", "));
    return line.length() <= MAX_HEADLINE ? line : line.substring(0, MAX_HEADLINE - 1) + "…";
  }

  /** The headline statistics of the sums, for the status; null when there are none. */
  public static List<MetricStatistics> headlineSums(QperfResult result) {
    List<MetricStatistics> sums = result.aggregateStatistics() == null ? List.of() : result.aggregateStatistics().stream()
        .filter(s -> HEADLINE_METRICS.contains(s.metric())).toList();
    return sums.isEmpty() ? null : sums;
  }

  public static int streamCount(QperfResult result) {
    return (int) result.streamsOrEmpty().stream().mapToInt(StreamOutcome::stream).distinct().count();
  }

  /** The largest start skew of the repetitions, in seconds; null when none was measured. */
  public static Double largestSkew(QperfResult result) {
    return result.startSkewOrEmpty().stream().map(StartSkew::seconds).filter(Objects::nonNull)
        .max(Double::compare).orElse(null);
  }

  /** {@code ; the streams started 0.42 s apart, more than 10 % …} when a repetition's skew is large; else empty. */
  public static String skewNote(QperfResult result) {
    return result.startSkewOrEmpty().stream().filter(StartSkew::large)
        .max((a, b) -> Double.compare(a.seconds(), b.seconds()))
        .map(s -> "; " + (result.repetitionsOrEmpty().isEmpty() ? "" : "repetition " + s.repetition() + ": ")
            + StreamDocuments.skewWarning(s))
        .orElse("");
  }

  /** e.g. {@code 0.03 s}. */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.2f s", seconds);
  }

  private static java.util.Optional<MetricStatistics> sumOf(QperfResult result, MetricStatistics s) {
    return result.aggregateStatistics() == null ? java.util.Optional.empty() : result.aggregateStatistics().stream()
        .filter(a -> a.label().equals(s.label()) && a.metric().equals(s.metric())).findFirst();
  }
}

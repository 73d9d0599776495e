package dev.kubectlqperf.model.verdict;

import dev.kubectlqperf.model.parse.ValueParser;
import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.result.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a threshold written the way people say it, with values in qperf's own units:
 * {@code [TEST] METRIC [STATISTIC] COMPARISON VALUE [UNIT]}, e.g. {@code tcp_bw bw at least 1 GB/sec},
 * {@code tcp_lat latency p99 at most 50 us}, {@code cv at most 10 %}. The statistic defaults to the
 * mean; the comparison is {@code at least}, {@code at most}, {@code above}, {@code below} or
 * {@code >=}, {@code <=}, {@code >}, {@code <}. Pure.
 */
public final class ThresholdParser {

  static final String FORM = "[TEST] METRIC [sum] [mean|min|max|p50|p90|p99|sd|cv] at least|at most|above|below VALUE"
      + " UNIT, e.g. 'tcp_bw bw at least 1 GB/sec', 'tcp_lat latency p99 at most 50 us' or 'tcp_bw bw sum at least 3 GB/sec'";
  private static final String SUM = "sum";
  private static final Pattern SYMBOLS = Pattern.compile(">=|<=|>|<");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(-?[\\d.,]+)\\s*(.*)");

  private ThresholdParser() {}

  /** The rule, or an {@link IllegalArgumentException} that says what is wrong with it. */
  public static Threshold parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty threshold; write " + FORM);
    }
    List<String> words = new ArrayList<>(Arrays.asList(
        SYMBOLS.matcher(text.strip()).replaceAll(" $0 ").strip().split("\\s+")));
    int at = comparisonIndex(words);
    if (at < 0) {
      throw new IllegalArgumentException("'" + text + "' has no comparison; write " + FORM);
    }
    Comparison comparison = comparisonAt(words, at);
    int valueStart = at + (comparison.symbol().equals(words.get(at)) ? 1 : comparison.words().split(" ").length);
    List<String> subject = new ArrayList<>(words.subList(0, at));
    String value = String.join(" ", words.subList(valueStart, words.size()));

    Statistic statistic = Statistic.MEAN;
    if (!subject.isEmpty() && Statistic.byWord(subject.get(subject.size() - 1)).isPresent()) {
      statistic = Statistic.byWord(subject.remove(subject.size() - 1)).get();
    }
    boolean sum = !subject.isEmpty() && subject.get(subject.size() - 1).equals(SUM);
    if (sum) {
      subject.remove(subject.size() - 1);
    }
    String test = null;
    if (!subject.isEmpty() && QperfTest.byName(subject.get(0)).isPresent()) {
      test = subject.remove(0);
    }
    if (subject.size() > 1) {
      throw new IllegalArgumentException("'" + text + "': cannot tell test, metric and statistic apart in '"
          + String.join(" ", subject) + "'; write " + FORM);
    }
    String metric = subject.isEmpty() ? null : subject.get(0);
    if (metric == null && statistic != Statistic.CV) {
      throw new IllegalArgumentException("'" + text + "' names no metric; write " + FORM);
    }
    if (metric != null && !METRIC_NAME.matcher(metric).matches()) {
      throw new IllegalArgumentException("'" + text + "': '" + metric + "' is neither a qperf test nor a metric; "
          + "write " + FORM);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no value after '" + comparison.words() + "'");
    }
    if (sum && (metric == null || !MetricUnits.of(metric).filter(SUMMABLE::contains).isPresent())) {
      throw new IllegalArgumentException("'" + text + "': sum adds the bandwidths or rates of parallel streams; "
          + (metric == null ? "name one" : metric + " has no sum (the spread of a latency is in its min, p50 and max)")
          + "; write " + FORM);
    }
    Threshold rule = statistic == Statistic.CV
        ? new Threshold(text, test, metric, statistic, comparison, percent(text, value), "%")
        : limit(text, test, metric, statistic, comparison, value);
    return sum ? new Threshold(rule.text(), rule.test(), rule.metric(), rule.statistic(), rule.comparison(),
        rule.limit(), rule.unit(), true) : rule;
  }

  /** Base units that add up over streams that ran at once. */
  private static final java.util.Set<String> SUMMABLE = java.util.Set.of("B/s", "1/s");

  private static Threshold limit(String text, String test, String metric, Statistic statistic,
      Comparison comparison, String value) {
    Optional<String> metricUnit = MetricUnits.of(metric);
    if (metricUnit.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': unknown metric '" + metric + "' (known: "
          + MetricUnits.KNOWN + ")");
    }
    Matcher m = NUMBER_AND_UNIT.matcher(value);
    Optional<Metric> parsed = m.matches()
        ? ValueParser.numeric(m.group(2).isEmpty() ? m.group(1) : m.group(1) + " " + m.group(2))
        : Optional.empty();
    if (parsed.isEmpty() || !parsed.get().isNumeric()) {
      throw new IllegalArgumentException("'" + text + "': '" + value + "' is not a number with a unit qperf prints; "
          + metric + " takes " + MetricUnits.hint(metricUnit.get()));
    }
    if (!metricUnit.get().equals(parsed.get().unit())) {
      throw new IllegalArgumentException("'" + text + "': " + metric + " is measured in "
          + MetricUnits.hint(metricUnit.get()) + ", not '" + m.group(2) + "'");
    }
    return new Threshold(text, test, metric, statistic, comparison, parsed.get().decimal().doubleValue(),
        metricUnit.get());
  }

  private static double percent(String text, String value) {
    String number = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
    try {
      double percent = Double.parseDouble(number);
      if (percent < 0) {
        throw new NumberFormatException();
      }
      return percent;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': cv takes a percentage such as '10 %', got '" + value + "'");
    }
  }

  private static int comparisonIndex(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      if (comparisonAt(words, i) != null) {
        return i;
      }
    }
    return -1;
  }

  private static Comparison comparisonAt(List<String> words, int i) {
    for (Comparison c : Comparison.values()) {
      if (c.symbol().equals(words.get(i))) {
        return c;
      }
      String[] phrase = c.words().split(" ");
      if (i + phrase.length <= words.size()
          && String.join(" ", words.subList(i, i + phrase.length)).equalsIgnoreCase(c.words())) {
        return c;
      }
    }
    return null;
  }
}

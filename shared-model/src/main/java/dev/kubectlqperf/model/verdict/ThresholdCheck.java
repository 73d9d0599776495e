package dev.kubectlqperf.model.verdict;

import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.model.result.Verdict.RuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges a run's statistics against its thresholds. A rule holds only when every statistic it
 * applies to holds; a rule that finds nothing to judge (the test failed, or the metric is not
 * printed without {@code -v}) fails, because a gate must not pass on missing data. Pure.
 */
public final class ThresholdCheck {

  /** What a rule without a metric ({@code cv at most 10 %}) judges. */
  private static final Set<String> HEADLINE_METRICS = Set.of("bw", "send_bw", "recv_bw", "latency", "msg_rate");

  private ThresholdCheck() {}

  /** Null without rules: a run without thresholds has no verdict. */
  public static Verdict evaluate(List<Threshold> rules, List<MetricStatistics> statistics) {
    if (rules.isEmpty()) {
      return null;
    }
    return Verdict.of(rules.stream().map(rule -> judge(rule, statistics)).toList());
  }

  /** Parses and judges the rules as written in a spec; a rule that does not parse fails with the reason. */
  public static Verdict evaluateSpec(List<String> rules, List<MetricStatistics> statistics) {
    return evaluateSpec(rules, statistics, null);
  }

  /**
   * The same for a run of parallel streams: {@code sums} are the statistics of the sums over the
   * streams, which {@code sum} rules judge; null for a run of one stream, whose sum is itself.
   */
  public static Verdict evaluateSpec(List<String> rules, List<MetricStatistics> statistics,
      List<MetricStatistics> sums) {
    if (rules == null || rules.isEmpty()) {
      return null;
    }
    return Verdict.of(rules.stream().map(text -> {
      try {
        Threshold rule = ThresholdParser.parse(text);
        return judge(rule, rule.sum() && sums != null ? sums : statistics);
      } catch (IllegalArgumentException e) {
        return new RuleOutcome(text, false, e.getMessage());
      }
    }).toList());
  }

  private static RuleOutcome judge(Threshold rule, List<MetricStatistics> statistics) {
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (MetricStatistics s : statistics) {
      if (!applies(rule, s)) {
        continue;
      }
      String subject = s.label() + " " + s.metric() + (rule.sum() ? " sum " : " ") + rule.statistic().word();
      Double value = rule.statistic().of(s);
      if (value == null) {
        failed.add(subject + " needs at least 2 samples, has " + s.count());
      } else if (rule.comparison().holds(value, rule.limit())) {
        passed.add(subject + " " + format(value, rule));
      } else {
        failed.add(subject + " " + format(value, rule) + " is not " + rule.comparison().words() + " "
            + format(rule.limit(), rule));
      }
    }
    if (passed.isEmpty() && failed.isEmpty()) {
      return new RuleOutcome(rule.text(), false, "no " + (rule.test() == null ? "" : rule.test() + " ")
          + (rule.metric() == null ? "bandwidth, latency or rate" : rule.metric()) + " in the result");
    }
    return failed.isEmpty()
        ? new RuleOutcome(rule.text(), true, String.join("; ", passed))
        : new RuleOutcome(rule.text(), false, String.join("; ", failed));
  }

  private static boolean applies(Threshold rule, MetricStatistics s) {
    boolean test = rule.test() == null || rule.test().equals(s.test());
    boolean metric = rule.metric() == null ? HEADLINE_METRICS.contains(s.metric()) : rule.metric().equals(s.metric());
    return test && metric;
  }

  private static String format(double value, Threshold rule) {
    return rule.statistic() == Statistic.CV ? String.format(Locale.ROOT, "%.1f %%", value)
        : Quantities.format(value, rule.unit());
  }
}

package dev.kubectlqperf.plugin.output;

import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.Verdict;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Statistics and a verdict, in qperf's units, as tables for people. */
public final class StatisticsTable {

  private StatisticsTable() {}

  public static Table of(List<MetricStatistics> statistics) {
    Table table = new Table("TEST", "METRIC", "N", "MEAN", "SD", "CV", "MIN", "P50", "P90", "P99", "MAX", "95% CI");
    for (MetricStatistics s : statistics) {
      table.row(s.label(), s.metric(), String.valueOf(s.count()), human(s.mean(), s), human(s.stddev(), s),
          s.cvPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.cvPercent()), human(s.min(), s),
          human(s.p50(), s), human(s.p90(), s), human(s.p99(), s), human(s.max(), s),
          s.ci95Low() == null ? "-" : human(s.ci95Low(), s) + " – " + human(s.ci95High(), s));
    }
    return table;
  }

  /** Worth showing: some metric has more than one sample. */
  public static boolean hasSpread(List<MetricStatistics> statistics) {
    return statistics != null && statistics.stream().anyMatch(s -> s.count() > 1);
  }

  /** {@code Verdict: Failed}, then each rule with a tick or a cross and what it judged. */
  public static void printVerdict(Verdict verdict, PrintWriter out) {
    out.println("Verdict: " + verdict.result());
    verdict.rules().forEach(rule -> out.println("  " + rule.line()));
  }

  private static String human(Double value, MetricStatistics s) {
    return value == null ? "-" : Quantities.format(value, s.unit());
  }
}

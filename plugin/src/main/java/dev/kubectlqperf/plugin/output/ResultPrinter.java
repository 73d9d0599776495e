package dev.kubectlqperf.plugin.output;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.StartSkew;
import dev.kubectlqperf.model.result.StreamAggregate;
import dev.kubectlqperf.model.run.ParallelHeadlines;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Prints a result document as JSON, YAML, CSV or a table for people. */
public final class ResultPrinter {

  private final ResultJson json = new ResultJson();

  public void print(QperfResult result, OutputFormat format, PrintWriter out) {
    switch (format) {
      case json -> out.println(json.pretty(result));
      case yaml -> out.print(json.yaml(result));
      case csv -> {
        out.println(ResultCsv.HEADER);
        ResultCsv.rows(result).forEach(out::println);
      }
      case table -> table(result, out);
      case wide, name -> throw new IllegalArgumentException("a result document has no " + format + " form");
    }
    out.flush();
  }

  private static void table(QperfResult result, PrintWriter out) {
    boolean repeated = result.tests().stream().anyMatch(t -> t.repetition() != null);
    Table table = repeated ? new Table("REP", "TEST", "RESULT", "METRIC", "VALUE", "BASE VALUE")
        : new Table("TEST", "RESULT", "METRIC", "VALUE", "BASE VALUE");
    for (TestResult t : result.tests()) {
      String test = t.test() + loop(t) + (t.stream() == null ? "" : " (stream " + t.stream() + ")");
      String rep = String.valueOf(t.repetition());
      if (!t.ok()) {
        row(table, repeated, rep, test, "FAILED", "", t.error(), "");
      }
      boolean first = t.ok();
      for (var e : t.metrics().entrySet()) {
        row(table, repeated, first ? rep : "", first ? test : "", first ? "ok" : "", e.getKey(), e.getValue().text(),
            base(e.getValue()));
        first = false;
      }
      if (t.ok() && t.metrics().isEmpty()) {
        row(table, repeated, rep, test, "ok", "", "", "");
      }
    }
    if (!table.isEmpty()) {
      table.print(out);
    }
    if (StatisticsTable.hasSpread(result.statistics())) {
      int runs = result.repetitionsOrEmpty().size();
      out.println("\nStatistics" + (runs > 1 ? " over " + runs + " repetitions" : "") + ":");
      StatisticsTable.of(result.statistics()).print(out);
    }
    if (result.parallel()) {
      streams(result, out);
    }
    if (result.verdict() != null) {
      out.println();
      StatisticsTable.printVerdict(result.verdict(), out);
    }
    if (!result.errors().isEmpty()) {
      out.println((table.isEmpty() ? "" : "\n") + "qperf reported:");
      result.errors().forEach(e -> out.println("  " + e));
    }
    if (!result.unparsed().isEmpty()) {
      out.println("\nunparsed lines: " + result.unparsed().size() + " (see -o json)");
    }
  }

  /** The streams measured together: per repetition and block, the sum (or median) and the range; the start skew. */
  private static void streams(QperfResult result, PrintWriter out) {
    out.println("\nOver " + ParallelHeadlines.streamCount(result) + " streams:");
    Table table = new Table("REP", "TEST", "METRIC", "STREAMS", "SUM", "MEDIAN", "MIN", "MAX");
    for (StreamAggregate a : result.aggregateOrEmpty()) {
      table.row(String.valueOf(a.repetition()), a.test() + (a.occurrence() == null ? "" : " #" + a.occurrence()),
          a.metric(), String.valueOf(a.streams()), a.sum() == null ? "-" : Quantities.format(a.sum(), a.unit()),
          Quantities.format(a.median(), a.unit()), Quantities.format(a.min(), a.unit()),
          Quantities.format(a.max(), a.unit()));
    }
    table.print(out);
    for (StartSkew skew : result.startSkewOrEmpty()) {
      out.println("repetition " + skew.repetition() + ": streams started "
          + (skew.seconds() == null ? "at an unknown skew (a client printed no start)"
              : ParallelHeadlines.seconds(skew.seconds()) + " apart" + (skew.large() ? " (large against the "
                  + skew.testSeconds() + " s test time)" : "")));
    }
    if (result.aggregateStatistics() != null && StatisticsTable.hasSpread(result.aggregateStatistics())) {
      out.println("\nSum over streams, over " + result.repetitionsOrEmpty().size() + " repetitions:");
      StatisticsTable.of(result.aggregateStatistics()).print(out);
    }
  }

  private static void row(Table table, boolean repeated, String rep, String... cells) {
    if (repeated) {
      String[] withRep = new String[cells.length + 1];
      withRep[0] = rep;
      System.arraycopy(cells, 0, withRep, 1, cells.length);
      table.row(withRep);
    } else {
      table.row(cells);
    }
  }

  private static String loop(TestResult t) {
    if (t.loop() == null || t.loop().isEmpty()) {
      return "";
    }
    return t.loop().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().text())
        .collect(Collectors.joining(", ", " [", "]"));
  }

  private static String base(Metric m) {
    return m.isNumeric() ? m.decimal().toPlainString() + " " + m.unit() : "";
  }
}

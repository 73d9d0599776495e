package dev.kubectlqperf.plugin.output;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.plugin.option.OutputFormat;
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
    }
    out.flush();
  }

  private static void table(QperfResult result, PrintWriter out) {
    Table table = new Table("TEST", "RESULT", "METRIC", "VALUE", "BASE VALUE");
    for (TestResult t : result.tests()) {
      String test = t.test() + loop(t);
      if (!t.ok()) {
        table.row(test, "FAILED", "", t.error(), "");
      }
      boolean first = t.ok();
      for (var e : t.metrics().entrySet()) {
        table.row(first ? test : "", first ? "ok" : "", e.getKey(), e.getValue().text(), base(e.getValue()));
        first = false;
      }
      if (t.ok() && t.metrics().isEmpty()) {
        table.row(test, "ok", "", "", "");
      }
    }
    if (!table.isEmpty()) {
      table.print(out);
    }
    if (!result.errors().isEmpty()) {
      out.println((table.isEmpty() ? "" : "\n") + "qperf reported:");
      result.errors().forEach(e -> out.println("  " + e));
    }
    if (!result.unparsed().isEmpty()) {
      out.println("\nunparsed lines: " + result.unparsed().size() + " (see -o json)");
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

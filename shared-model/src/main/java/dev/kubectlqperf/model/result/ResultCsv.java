package dev.kubectlqperf.model.result;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV with one row per metric, for spreadsheets. A failed test gets one row with its error, and so
 * does a run that printed no test block at all.
 */
public final class ResultCsv {

  public static final String HEADER =
      "namespace,name,uid,end_time,repetition,block,test,ok,loop,metric,value,unit,text,error";

  private ResultCsv() {}

  public static List<String> rows(QperfResult result) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    List<String> rows = new ArrayList<>();
    if (result.tests().isEmpty() && !result.errors().isEmpty()) {
      rows.add(join(run.namespace(), run.name(), run.uid(), run.endTime(),
          run.repetition() == null ? null : run.repetition().toString(), null, null, "false", null, null, null, null,
          null, String.join("; ", result.errors())));
    }
    for (int i = 0; i < result.tests().size(); i++) {
      TestResult t = result.tests().get(i);
      Integer repetition = t.repetition() != null ? t.repetition() : run.repetition();
      String prefix = join(run.namespace(), run.name(), run.uid(), run.endTime(),
          repetition == null ? null : repetition.toString(), String.valueOf(i + 1), t.test(),
          String.valueOf(t.ok()), loopText(t));
      if (t.metrics().isEmpty()) {
        rows.add(prefix + "," + join(null, null, null, null, t.error()));
      }
      t.metrics().forEach((name, m) -> rows.add(prefix + ","
          + join(name, m.isNumeric() ? m.decimal().toPlainString() : String.valueOf(m.value()), m.unit(), m.text(),
              t.error())));
    }
    return rows;
  }

  private static String loopText(TestResult t) {
    if (t.loop() == null || t.loop().isEmpty()) {
      return null;
    }
    return t.loop().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().text())
        .collect(Collectors.joining(";"));
  }

  static String join(String... fields) {
    List<String> quoted = new ArrayList<>();
    for (String f : fields) {
      quoted.add(quote(f));
    }
    return String.join(",", quoted);
  }

  static String quote(String field) {
    if (field == null) {
      return "";
    }
    if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}

package dev.kubectlqperf.model.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import java.util.ArrayList;
import java.util.List;

/** Checks that every value line qperf printed became a metric with qperf's own text. */
final class ValueLines {

  private ValueLines() {}

  static void assertAllParsed(String output, QperfResult result) {
    List<String> printed = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("    ") && line.contains(" =  ")) {
        printed.add(line.substring(4, line.indexOf(' ', 4)) + "=" + line.substring(line.indexOf(" =  ") + 4).strip());
      }
    }
    List<String> parsed = new ArrayList<>();
    result.tests().forEach(t -> t.metrics().forEach((name, m) -> parsed.add(name + "=" + text(m))));
    assertEquals(printed, parsed, "every value line, in order, with qperf's text:\n" + output);
  }

  private static String text(Metric m) {
    return m.text();
  }
}

package dev.kubectlqperf.model.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Loads the recorded qperf captures and asserts on parsed values. */
final class Golden {

  private Golden() {}

  static String text(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/qperf-outputs/" + name)) {
      assertNotNull(in, "missing capture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static QperfResult parse(String name) {
    CaptureFile capture = CaptureFile.read(text(name));
    return QperfOutputParser.parse(capture.output(), capture.exitCode());
  }

  /** Asserts one metric: its base value (compared numerically), base unit and qperf's own text. */
  static void assertMetric(TestResult test, String name, String value, String unit, String text) {
    Metric m = test.metrics().get(name);
    assertNotNull(m, test.test() + " has no " + name + " in " + test.metrics().keySet());
    assertEquals(0, new BigDecimal(value).compareTo(m.decimal()), name + ": " + m.value() + " != " + value);
    assertEquals(unit, m.unit(), name + " unit");
    assertEquals(text, m.text(), name + " text");
  }
}

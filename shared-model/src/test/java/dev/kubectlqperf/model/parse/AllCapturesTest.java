package dev.kubectlqperf.model.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.QperfResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded capture: every value line qperf printed is in the document, nothing is dropped. */
class AllCapturesTest {

  static Stream<String> captures() throws IOException, URISyntaxException {
    Path dir = Path.of(AllCapturesTest.class.getResource("/qperf-outputs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("captures")
  void everyLineIsAccountedFor(String name) {
    CaptureFile capture = CaptureFile.read(Golden.text(name));
    QperfResult r = QperfOutputParser.parse(capture.output(), capture.exitCode());
    List<String> valueLines = new ArrayList<>();
    for (String line : capture.output().split("\n")) {
      if (line.startsWith("    ") && line.contains(" =  ")) {
        valueLines.add(line);
      }
    }
    long metrics = r.tests().stream().mapToLong(t -> t.metrics().size()).sum();
    long unparsedValues = r.unparsed().stream().filter(l -> l.startsWith("    ") && l.contains(" =  ")).count();
    if (name.startsWith("server")) {
      return; // a qperf server's own log: only required not to break the parser
    }
    assertEquals(valueLines.size(), metrics + unparsedValues, "value lines vs metrics in " + name);
    assertEquals(0, unparsedValues, "unparsed value lines in " + name + ": " + r.unparsed());
    assertEquals(capture.exitCode() != null && capture.exitCode() == 0 && r.errors().isEmpty(), r.ok(),
        "ok agrees with the exit code in " + name);
    r.tests().forEach(t -> assertTrue(t.ok() == (t.error() == null), name + " " + t.test()));
  }
}

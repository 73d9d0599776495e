package dev.kubectlqperf.pipeline.sink;

import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Result documents of real qperf captures, as a run in the cluster would produce them. */
final class Results {

  private Results() {}

  static QperfResult of(String capture, String name, String uid) {
    try (InputStream in = Results.class.getResourceAsStream("/qperf-outputs/" + capture)) {
      CaptureFile file = CaptureFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      QperfResult parsed = QperfOutputParser.parse(file.output(), file.exitCode());
      return parsed.withRun(new RunIdentity("bench", name, uid, "2026-11-25T10:00:00Z", "2026-11-25T10:00:05Z",
          "node-a", "node-b", "0.4.11", 1, "Headless", false, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

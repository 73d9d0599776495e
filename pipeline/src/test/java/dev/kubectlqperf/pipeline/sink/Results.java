package dev.kubectlqperf.pipeline.sink;

import dev.kubectlqperf.model.run.RunIdentities;
import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.run.RunDocument;
import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** A run whose one test block failed with {@code error} after printing {@code metrics}. */
  static QperfResult failed(String name, String uid, String error, Map<String, Metric> metrics) {
    return new QperfResult(QperfResult.SCHEMA, false, new RunIdentity("bench", name, uid, "2026-11-25T10:00:00Z",
        "2026-11-25T10:00:05Z", "node-a", "node-b", "0.4.11", 1, "Headless", false, true), 1,
        List.of(new TestResult("tcp_bw", false, error, metrics, null, null)), List.of(error), null, null);
  }

  /** A run of tcp_bw and tcp_lat repeated once per output, judged by the thresholds. */
  static QperfResult repeated(String name, List<String> thresholds, String... outputs) {
    Qperf qperf = Fixtures.created(name, new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null,
        null, null, outputs.length, null, thresholds));
    List<QperfResult> repetitions = new ArrayList<>();
    for (int n = 1; n <= outputs.length; n++) {
      repetitions.add(QperfOutputParser.parse(outputs[n - 1], outputs[n - 1].contains("failed") ? 1 : 0)
          .withRun(RunIdentities.of(qperf, "2026-11-25T10:00:0" + n + "Z", "node-b", "0.4.11").withRepetition(n)));
    }
    return RunDocument.of(qperf, repetitions, List.of());
  }

  /** What qperf prints for tcp_bw and tcp_lat. */
  static String output(String bandwidth, String latency) {
    return "tcp_bw:\n    bw  =  " + bandwidth + "\ntcp_lat:\n    latency  =  " + latency + "\n";
  }
}

package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.pipeline.k8s.DeliveryRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the sink routes told the run's status, as lines, instead of writing it to a cluster. */
final class RecordedOutcomes extends DeliveryRecorder {

  private final List<String> lines = new ArrayList<>();

  RecordedOutcomes() {
    super(new QperfCluster(null), Clock.systemUTC());
  }

  /** A finished run (its one test failed), enough for every sink's formatter. */
  static QperfResult result(String name, String uid) {
    RunIdentity run = new RunIdentity("bench", name, uid, "2026-11-25T10:00:00Z", "2026-11-25T10:00:05Z", "node-a",
        "node-b", "0.4.11", 1, "Headless", false, true);
    return new QperfResult(QperfResult.SCHEMA, false, run, 1,
        List.of(new TestResult("tcp_bw", false, "failed to connect", Map.of(), null, null)),
        List.of("failed to connect"), null, null);
  }

  @Override
  public synchronized void retrying(Run run, String sink, int attempts, String error) {
    lines.add("retrying " + run.name() + " " + sink + " after " + attempts + ": " + error);
  }

  @Override
  public synchronized void delivered(Run run, String sink, int attempts) {
    lines.add("delivered " + run.name() + " " + sink + " in " + attempts);
  }

  @Override
  public synchronized void failed(Run run, String sink, int attempts, String error, String deadLetter) {
    lines.add("failed " + run.name() + " " + sink + " after " + attempts + " into " + deadLetter + ": " + error);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}

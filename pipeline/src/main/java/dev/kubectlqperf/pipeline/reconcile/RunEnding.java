package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.run.RunResults;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.run.ClientPodResult;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;

/**
 * The one way a run ends, whether it succeeded, failed or timed out: its document from the client
 * logs, the status (phase, result, verdict, sinks Pending) written once, the document to the sinks,
 * the server and any running client deleted, the events.
 */
final class RunEnding {

  private final QperfCluster cluster;
  private final EventRecorder events;
  private final Step.Listener steps;
  private final Outbox outbox;
  private final ClientLogs logs;
  private final StatusWriter writer;
  private final Cleanup cleanup;

  RunEnding(QperfCluster cluster, EventRecorder events, Step.Listener steps, Outbox outbox, ClientLogs logs,
      StatusWriter writer, Cleanup cleanup) {
    this.cluster = cluster;
    this.events = events;
    this.steps = steps;
    this.outbox = outbox;
    this.logs = logs;
    this.writer = writer;
    this.cleanup = cleanup;
  }

  /** At the deadline: the run ends as it is, Timeout unless its last repetition ended just now. */
  Duration atDeadline(RunPass pass) {
    List<Pod> pods = cluster.clientPods(pass.run());
    int total = pass.repetitions();
    long ended = pods.stream().filter(ClientPodResult::ended).count();
    if (pods.size() == total && ended == total) {
      return end(pass, pods, null);
    }
    String waitingFor = pods.isEmpty() ? "the qperf server never became ready"
        : "the qperf client was still running" + (total == 1 ? "" : " (" + ended + " of " + total + " repetitions ended)");
    return end(pass, pods, new Problem("Timeout", "the run did not finish within "
        + pass.run().getSpec().effectiveTimeoutSeconds() + " s: " + waitingFor));
  }

  /** Ends the run; {@code problem} is why it could not go on, null when every repetition ended. */
  Duration end(RunPass pass, Problem problem) {
    return end(pass, cluster.clientPods(pass.run()), problem);
  }

  private Duration end(RunPass pass, List<Pod> clients, Problem problem) {
    Qperf run = pass.run();
    ClientLogs.Reading reading = logs.read(run, clients, pass.now());
    if (reading.retryIn() != null) {
      return reading.retryIn();
    }
    QperfResult result = reading.document(run, pass.now(), problem == null ? null
        : problem.reason() + ": " + problem.message());
    Problem outcome = withPolicyHint(run, result, problem != null ? problem : outcome(result, reading, clients));
    QperfStatus next = pass.next();
    next.setClientNode(result.run() == null ? next.getClientNode() : result.run().clientNode());
    RunStatus.record(next, result, run.getSpec() != null && run.getSpec().effectiveRepetitions() > 1, pass.now());
    RunStatus.end(next, outcome == null ? QperfPhase.Completed : QperfPhase.Failed,
        outcome == null ? "Completed" : outcome.reason(),
        outcome == null ? RunResults.successMessage(result) : outcome.message(), pass.now());
    outbox.record(run, next, result);
    if (!writer.write(pass)) {
      return null;
    }
    steps.reached(Step.RESULT_RECORDED, pass.key());
    outbox.publish(run, result);
    steps.reached(Step.RESULT_PUBLISHED, pass.key());
    cleanup.server(run);
    cleanup.runningClients(run);
    steps.reached(Step.SERVER_DELETED, pass.key());
    if (outcome == null) {
      events.normal(run, "Completed", next.getHeadline());
    } else {
      events.warning(run, outcome.reason(), outcome.message());
    }
    verdictEvent(run, result.verdict());
    return null;
  }

  /** Why a run whose every repetition ended did not succeed; null when it did. */
  private static Problem outcome(QperfResult result, ClientLogs.Reading reading, List<Pod> clients) {
    if (!reading.complete()) {
      return new Problem("LogUnavailable", String.join("; ", reading.unavailable()));
    }
    if (result.ok()) {
      return null;
    }
    List<Pod> ended = clients.stream().filter(ClientPodResult::ended).toList();
    return new Problem(ended.stream().anyMatch(RunResults::deadlineExceeded) ? "Timeout" : "QperfFailed",
        RunResults.failureMessage(result, ended));
  }

  /** A run whose client never got through may be blocked by a NetworkPolicy: say which, and what shows more. */
  private Problem withPolicyHint(Qperf run, QperfResult result, Problem outcome) {
    boolean neverThrough = outcome != null && (outcome.reason().equals("Timeout")
        && (result.tests() == null || result.tests().stream().noneMatch(TestResult::ok))
        || outcome.reason().equals("QperfFailed") && PathNotReady.of(result).isPresent());
    if (!neverThrough) {
      return outcome;
    }
    return PolicyHint.of(run, cluster.networkPolicies(run.getMetadata().getNamespace()))
        .map(hint -> new Problem(outcome.reason(), outcome.message() + "; " + hint)).orElse(outcome);
  }

  private void verdictEvent(Qperf run, Verdict verdict) {
    if (verdict == null) {
      return;
    }
    if (verdict.passed()) {
      events.normal(run, "ThresholdsPassed", RunResults.verdictMessage(verdict));
    } else {
      events.warning(run, "ThresholdsFailed", RunResults.verdictMessage(verdict));
    }
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.run.ParallelHeadlines;
import dev.kubectlqperf.model.run.RunResults;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Verdict;
import java.time.Instant;

/** How a run's status records its start, its result and its end. Pure: it changes the status it is given. */
final class RunStatus {

  private RunStatus() {}

  /** What the status shows of the result: headlines or statistics, and the verdict. */
  static void record(QperfStatus next, QperfResult result, boolean repeated, Instant now) {
    var summaries = repeated ? null : RunResults.summaries(result);
    String headline = result.parallel() ? ParallelHeadlines.headline(result)
        : repeated ? RunResults.statisticsHeadline(result) : RunResults.headline(result);
    next.setAggregate(ParallelHeadlines.headlineSums(result)).setStartSkewSeconds(ParallelHeadlines.largestSkew(result));
    var statistics = RunResults.headlineStatistics(result);
    next.setResults(summaries == null || summaries.isEmpty() ? null : summaries)
        .setStatistics(statistics == null || statistics.isEmpty() ? null : statistics)
        .setHeadline(headline == null || headline.isBlank() ? null : headline);
    Verdict verdict = result.verdict();
    if (verdict != null) {
      next.setVerdict(verdict.result()).setConditions(Conditions.set(next.getConditions(),
          Conditions.THRESHOLDS_MET, verdict.passed(), verdict.passed() ? "ThresholdsPassed" : "ThresholdsFailed",
          RunResults.verdictMessage(verdict), now.toString(), next.getObservedGeneration()));
    }
  }

  static void end(QperfStatus next, QperfPhase phase, String reason, String message, Instant now) {
    boolean ok = phase == QperfPhase.Completed;
    next.setPhase(phase).setReason(reason).setMessage(message).setRunning(false).setCompleted(true)
        .setCompletionTime(now.toString())
        .setConditions(Conditions.set(next.getConditions(), Conditions.SUCCEEDED, ok, reason, message,
            now.toString(), next.getObservedGeneration()));
  }
}

package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.RepetitionOutcome;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.StartSkew;
import dev.kubectlqperf.model.result.StreamAggregate;
import dev.kubectlqperf.model.result.StreamOutcome;
import dev.kubectlqperf.model.stats.StreamAggregation;
import dev.kubectlqperf.model.stats.ResultStatistics;
import dev.kubectlqperf.model.verdict.ThresholdCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The result document of a whole run from the documents of its repetitions (one per client pod,
 * in order): their blocks, how each repetition ended, the statistics, and the verdict of the
 * spec's thresholds. Pure.
 */
public final class RunDocument {

  private RunDocument() {}

  /**
   * {@code runErrors} are why the run ended early (e.g. its timeout), when it did: they make the
   * document failed and say why repetitions are missing.
   */
  public static QperfResult of(Qperf qperf, List<QperfResult> repetitions, List<String> runErrors) {
    int expected = qperf.repetitions();
    QperfResult combined = expected == 1 && repetitions.size() == 1 && runErrors.isEmpty()
        ? repetitions.get(0) : combine(qperf, expected, repetitions, runErrors);
    var statistics = ResultStatistics.of(combined.tests());
    List<String> rules = qperf.getSpec() == null ? null : qperf.getSpec().thresholds();
    if (qperf.parallel() == 1) {
      return combined.withStatistics(statistics).withVerdict(ThresholdCheck.evaluateSpec(rules, statistics));
    }
    List<StreamAggregate> aggregate = StreamAggregation.of(combined.tests());
    List<MetricStatistics> sums = StreamAggregation.sumStatistics(aggregate);
    return combined.withStatistics(statistics).withAggregate(aggregate, sums)
        .withVerdict(ThresholdCheck.evaluateSpec(rules, statistics, sums));
  }

  private static QperfResult combine(Qperf qperf, int expected, List<QperfResult> repetitions,
      List<String> runErrors) {
    List<TestResult> tests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> unparsed = new ArrayList<>();
    List<RepetitionOutcome> outcomes = new ArrayList<>();
    List<StreamOutcome> streams = new ArrayList<>();
    List<StartSkew> skews = new ArrayList<>();
    boolean single = expected == 1;
    for (QperfResult r : repetitions) {
      int n = r.run() != null && r.run().repetition() != null ? r.run().repetition() : outcomes.size() + 1;
      String prefix = single ? "" : "repetition " + n + ": ";
      r.tests().forEach(t -> tests.add(single ? t : t.inRepetition(n)));
      r.errors().forEach(e -> errors.add(prefix + e));
      if (r.warnings() != null) {
        r.warnings().forEach(w -> warnings.add(prefix + w));
      }
      if (r.unparsed() != null) {
        unparsed.addAll(r.unparsed());
      }
      streams.addAll(r.streamsOrEmpty());
      skews.addAll(r.startSkewOrEmpty());
      outcomes.add(new RepetitionOutcome(n, r.ok(), r.exitCode(), r.run() == null ? null : r.run().clientNode(),
          r.run() == null ? null : r.run().endTime(), r.ok() ? null : r.firstError()));
    }
    errors.addAll(runErrors);
    boolean ok = runErrors.isEmpty() && repetitions.size() == expected
        && repetitions.stream().allMatch(QperfResult::ok);
    return new QperfResult(QperfResult.SCHEMA, ok, runIdentity(qperf, repetitions, single), exitCode(repetitions),
        tests, errors, warnings, unparsed, single ? null : outcomes, null, null, streams, null, null, skews);
  }

  /** The first non-zero exit code; 0 when every repetition exited 0; null when one is unknown. */
  private static Integer exitCode(List<QperfResult> repetitions) {
    if (repetitions.isEmpty()) {
      return null;
    }
    return repetitions.stream().map(QperfResult::exitCode).filter(c -> c != null && c != 0).findFirst()
        .orElse(repetitions.stream().allMatch(r -> r.exitCode() != null) ? 0 : null);
  }

  /**
   * The run as a whole: it ended when its last repetition ended (or, with none, when the status
   * says it completed), on the first repetition's client node.
   */
  private static RunIdentity runIdentity(Qperf qperf, List<QperfResult> repetitions, boolean single) {
    var status = qperf.getStatus();
    RunIdentity first = repetitions.isEmpty() ? null : repetitions.get(0).run();
    RunIdentity last = repetitions.isEmpty() ? null : repetitions.get(repetitions.size() - 1).run();
    String end = last != null ? last.endTime() : status == null ? null : status.getCompletionTime();
    String clientNode = first != null ? first.clientNode() : status == null ? null : status.getClientNode();
    return RunIdentities.of(qperf, end, clientNode, first == null ? null : first.qperfVersion())
        .withRepetition(single ? 1 : null);
  }
}

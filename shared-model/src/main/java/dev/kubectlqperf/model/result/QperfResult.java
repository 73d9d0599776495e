package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result document: one per run, versioned by {@link #SCHEMA}. Status, CLI, files, InfluxDB and
 * Slack all show this shape. {@code errors} are qperf's own error lines, in the order printed;
 * {@code unparsed} are lines the parser did not understand (kept, never dropped).
 *
 * <p>Schema v2 adds, for a run of several repetitions, every repetition's blocks in {@code tests}
 * (each with its repetition number), one {@code repetitions} entry per client pod, the
 * {@code statistics} over the blocks that measured the same thing, and the {@code verdict} of the
 * spec's thresholds. A v1 document reads as a v2 one without them.
 *
 * <p>A run of several parallel streams adds, still as v2 since every addition is optional and a
 * document of one stream is unchanged: each stream's blocks in {@code tests} (each with its
 * {@code stream} number), one {@code streams} entry per stream and repetition, the {@code aggregate}
 * of each repetition's streams (sum and spread), the {@code aggregateStatistics} of the sums over
 * the repetitions, and the {@code startSkew} of each repetition. Without {@code stream} numbers a
 * reader sees N blocks per test and repetition, as for a qperf loop.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfResult(
    String schema,
    boolean ok,
    RunIdentity run,
    Integer exitCode,
    List<TestResult> tests,
    List<String> errors,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unparsed,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RepetitionOutcome> repetitions,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MetricStatistics> statistics,
    Verdict verdict,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StreamOutcome> streams,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StreamAggregate> aggregate,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MetricStatistics> aggregateStatistics,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StartSkew> startSkew) {

  public static final String SCHEMA = "https://kubectl-qperf.dev/schemas/qperf-result/v2";
  public static final String SCHEMA_V1 = "https://kubectl-qperf.dev/schemas/qperf-result/v1";

  /** A document of what one qperf process printed: no repetitions, statistics or verdict yet. */
  public QperfResult(String schema, boolean ok, RunIdentity run, Integer exitCode, List<TestResult> tests,
      List<String> errors, List<String> warnings, List<String> unparsed) {
    this(schema, ok, run, exitCode, tests, errors, warnings, unparsed, null, null, null);
  }

  /** A document of one stream. */
  public QperfResult(String schema, boolean ok, RunIdentity run, Integer exitCode, List<TestResult> tests,
      List<String> errors, List<String> warnings, List<String> unparsed, List<RepetitionOutcome> repetitions,
      List<MetricStatistics> statistics, Verdict verdict) {
    this(schema, ok, run, exitCode, tests, errors, warnings, unparsed, repetitions, statistics, verdict, null, null,
        null, null);
  }

  public QperfResult withRun(RunIdentity identity) {
    return new QperfResult(schema, ok, identity, exitCode, tests, errors, warnings, unparsed, repetitions,
        statistics, verdict, streams, aggregate, aggregateStatistics, startSkew);
  }

  public QperfResult withStatistics(List<MetricStatistics> stats) {
    return new QperfResult(schema, ok, run, exitCode, tests, errors, warnings, unparsed, repetitions, stats,
        verdict, streams, aggregate, aggregateStatistics, startSkew);
  }

  public QperfResult withVerdict(Verdict v) {
    return new QperfResult(schema, ok, run, exitCode, tests, errors, warnings, unparsed, repetitions, statistics,
        v, streams, aggregate, aggregateStatistics, startSkew);
  }

  /** This document with its streams' aggregate: per repetition, and its statistics over them. */
  public QperfResult withAggregate(List<StreamAggregate> perRepetition, List<MetricStatistics> overRepetitions) {
    return new QperfResult(schema, ok, run, exitCode, tests, errors, warnings, unparsed, repetitions, statistics,
        verdict, streams, perRepetition, overRepetitions, startSkew);
  }

  /** Whether the document is of several parallel streams. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean parallel() {
    return streams != null && !streams.isEmpty();
  }

  public List<StreamOutcome> streamsOrEmpty() {
    return streams == null ? List.of() : streams;
  }

  public List<StreamAggregate> aggregateOrEmpty() {
    return aggregate == null ? List.of() : aggregate;
  }

  public List<StartSkew> startSkewOrEmpty() {
    return startSkew == null ? List.of() : startSkew;
  }

  /** Empty lists instead of absent ones, whatever version the document was read from. */
  public List<MetricStatistics> statisticsOrEmpty() {
    return statistics == null ? List.of() : statistics;
  }

  /** The run succeeded and, when it has thresholds, met every one. */
  public boolean passed() {
    return ok && (verdict == null || verdict.passed());
  }

  /**
   * What a person needs first: the failed test's reason (which already holds the most telling of
   * qperf's error lines, and says so when qperf relayed an empty one), else qperf's first error.
   */
  public String firstError() {
    return tests.stream().filter(t -> !t.ok()).map(TestResult::error).findFirst()
        .orElse(errors.isEmpty() ? "qperf failed" : errors.get(0));
  }

  public List<RepetitionOutcome> repetitionsOrEmpty() {
    return repetitions == null ? List.of() : repetitions;
  }
}

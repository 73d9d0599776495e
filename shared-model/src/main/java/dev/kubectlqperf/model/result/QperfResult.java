package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result document: one per run, versioned by {@link #SCHEMA}. Status, CLI, files, InfluxDB and
 * Slack all show this shape. {@code errors} are qperf's own error lines, in the order printed;
 * {@code unparsed} are lines the parser did not understand (kept, never dropped).
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unparsed) {

  public static final String SCHEMA = "https://kubectl-qperf.dev/schemas/qperf-result/v1";

  public QperfResult withRun(RunIdentity identity) {
    return new QperfResult(schema, ok, identity, exitCode, tests, errors, warnings, unparsed);
  }
}

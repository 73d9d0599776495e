package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One block qperf printed: a test header and its value lines. A {@code -oo} loop prints one block
 * per iteration; {@code loop} then holds the variables that change between iterations (only when
 * qperf printed them, i.e. with {@code -vu}). {@code repetition} is the run's repetition (client pod)
 * that printed the block, 1-based; absent for a single qperf process. {@code stream} is the parallel
 * stream (client process) that printed it, 1-based; absent in a run of one stream.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TestResult(
    String test,
    @JsonInclude(JsonInclude.Include.ALWAYS) boolean ok,
    @JsonInclude(JsonInclude.Include.ALWAYS) String error,
    @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Metric> metrics,
    Map<String, Metric> loop,
    List<String> warnings,
    Integer repetition,
    Integer stream) {

  /** A block as the parser reads it from one qperf process: no repetition number. */
  public TestResult(String test, boolean ok, String error, Map<String, Metric> metrics, Map<String, Metric> loop,
      List<String> warnings) {
    this(test, ok, error, metrics, loop, warnings, null, null);
  }

  public TestResult(String test, boolean ok, String error, Map<String, Metric> metrics, Map<String, Metric> loop,
      List<String> warnings, Integer repetition) {
    this(test, ok, error, metrics, loop, warnings, repetition, null);
  }

  public TestResult inRepetition(int n) {
    return new TestResult(test, ok, error, metrics, loop, warnings, n, stream);
  }

  public TestResult inStream(int n) {
    return new TestResult(test, ok, error, metrics, loop, warnings, repetition, n);
  }
}

package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Whether a run met every threshold of its spec, rule by rule. */
public record Verdict(Outcome result, List<RuleOutcome> rules) {

  public enum Outcome { Passed, Failed }

  /** One threshold as written in the spec, whether it held, and the measured values it judged. */
  public record RuleOutcome(String rule, boolean passed, String detail) {

    /** e.g. {@code ✗ tcp_lat latency p99 at most 50 us: tcp_lat latency p99 62.1 us is not at most 50 us}. */
    public String line() {
      return (passed ? "✓ " : "✗ ") + rule + ": " + detail;
    }
  }

  public static Verdict of(List<RuleOutcome> rules) {
    return new Verdict(rules.stream().allMatch(RuleOutcome::passed) ? Outcome.Passed : Outcome.Failed, rules);
  }

  @JsonIgnore
  public boolean passed() {
    return result == Outcome.Passed;
  }

  @JsonIgnore
  public List<RuleOutcome> failedRules() {
    return rules.stream().filter(r -> !r.passed()).toList();
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import java.time.Duration;

/**
 * What a step of a run decided: go on to the next step, look again later ({@code after}; null:
 * on the next event), or end the run with a problem.
 */
record Decision(Kind kind, Duration after, Problem problem) {

  enum Kind { PROCEED, WAIT, FAIL }

  static Decision proceed() {
    return new Decision(Kind.PROCEED, null, null);
  }

  static Decision waitFor(Duration after) {
    return new Decision(Kind.WAIT, after, null);
  }

  static Decision fail(Problem problem) {
    return new Decision(Kind.FAIL, null, problem);
  }

  boolean proceeds() {
    return kind == Kind.PROCEED;
  }

  boolean fails() {
    return kind == Kind.FAIL;
  }
}

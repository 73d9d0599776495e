package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far apart the streams of one repetition started: the last client's start minus the first's,
 * from the starts the clients printed (null when one printed none), against the test time qperf
 * measured each test for. {@code large} when the skew exceeds {@link #LARGE_PERCENT} % of it: the
 * streams then overlapped for less of the test, and their sum is less than what they could move.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartSkew(int repetition, Double seconds, double testSeconds, boolean large) {

  public static final double LARGE_PERCENT = 10;

  public static StartSkew of(int repetition, Double seconds, double testSeconds) {
    return new StartSkew(repetition, seconds, testSeconds,
        seconds != null && seconds > testSeconds * LARGE_PERCENT / 100);
  }
}

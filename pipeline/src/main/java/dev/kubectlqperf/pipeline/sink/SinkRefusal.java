package dev.kubectlqperf.pipeline.sink;

import java.time.Duration;

/**
 * A sink did not take a result. {@link #retryable()} tells a passing failure (a 5xx, a 429, no
 * connection) from one that no retry can fix (a revoked webhook); {@link #retryAfter()} is how
 * long the sink asked to be left alone, when it said so. The message never holds a secret.
 */
public final class SinkRefusal extends Exception {

  private final boolean retryable;
  private final Duration retryAfter;

  public SinkRefusal(String message, boolean retryable, Duration retryAfter) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public boolean retryable() {
    return retryable;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

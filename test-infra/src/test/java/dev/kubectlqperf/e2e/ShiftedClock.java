package dev.kubectlqperf.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs like the system's but that the test can move forward to a due time. Unlike
 * {@link TestClock} it keeps ticking, for tests where real runs (pods, qperf, timeouts) go on
 * between the jumps; it is ahead of the API server's clock by at most the jumps.
 */
final class ShiftedClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves the clock to {@code instant}, or leaves it where it is when it is already past it. */
  void jumpTo(Instant instant) {
    offset.updateAndGet(o -> {
      Duration wanted = Duration.between(Instant.now(), instant);
      return wanted.compareTo(o) > 0 ? wanted : o;
    });
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

package dev.kubectlqperf.pipeline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the benchmarks share: waiting by polling each millisecond, and a latency row of a table. */
final class BenchSupport {

  private BenchSupport() {}

  static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS);
    }
  }

  /** Prints {@code name}, then p50, p99 and max of {@code nanos} in milliseconds. */
  static void row(String name, List<Long> nanos, int nameWidth, int valueWidth) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    String value = " %" + valueWidth + ".1f";
    System.out.printf("  %-" + nameWidth + "s" + value + value + value + "%n", name, pct(sorted, 50), pct(sorted, 99),
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}

package dev.kubectlqperf.pipeline.work;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private WorkQueue queue;

  @AfterEach
  void close() {
    queue.close();
  }

  private WorkQueue start(int workers, Function<String, Duration> handler) {
    queue = new WorkQueue(workers, handler);
    queue.start();
    return queue;
  }

  /** Each key is handled twice: every hundredth fails first (and is retried), the others ask to come back once. */
  @Test
  void tenThousandDistinctKeysLeaveNothingBehind() {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    AtomicInteger total = new AtomicInteger();
    start(2, key -> {
      int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      total.incrementAndGet();
      if (n == 1 && key.endsWith("00")) {
        throw new IllegalStateException("first try of " + key);
      }
      return n == 1 ? Duration.ofMillis(1) : null;
    });
    for (int i = 0; i < 10_000; i++) {
      queue.add("bench/run-" + i);
    }
    await("every key handled to the end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> total.get() == 20_000);
    await("the queue holds nothing").atMost(Duration.ofSeconds(5)).until(this::empty);
    assertArrayEquals(new int[5], queue.sizes(), "waiting, active, dirty, failing, delayed");
  }

  @Test
  void aRuntimeExceptionNeverWedgesItsKey() {
    assertKeyAndWorkerSurvive(() -> new IllegalStateException("reconcile bug"));
  }

  @Test
  void anErrorNeverWedgesItsKeyNorKillsItsWorker() {
    assertKeyAndWorkerSurvive(() -> new StackOverflowError("deep"));
  }

  @Test
  void anInterruptLeftBehindByAHandlerDoesNotEndItsWorker() {
    List<String> handled = new CopyOnWriteArrayList<>();
    start(1, key -> {
      handled.add(key);
      if (key.equals("bench/a")) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    queue.add("bench/a");
    await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains("bench/a"));
    queue.add("bench/b");
    await("the only worker still works").atMost(Duration.ofSeconds(5)).until(() -> handled.contains("bench/b"));
  }

  /** One worker: the key that threw is handled again, and so are the keys after it, and the key once more. */
  private void assertKeyAndWorkerSurvive(Supplier<Throwable> thrown) {
    List<String> handled = new CopyOnWriteArrayList<>();
    AtomicInteger throwsLeft = new AtomicInteger(1);
    start(1, key -> {
      if (key.equals("bench/bad") && throwsLeft.getAndDecrement() > 0) {
        Throwable t = thrown.get();
        if (t instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) t;
      }
      handled.add(key);
      return null;
    });
    queue.add("bench/bad");
    queue.add("bench/other");
    await("the other key").atMost(Duration.ofSeconds(5)).until(() -> handled.contains("bench/other"));
    await("the key that threw, retried").atMost(Duration.ofSeconds(10)).until(() -> handled.contains("bench/bad"));
    queue.add("bench/bad");
    await("and handled on the next add").atMost(Duration.ofSeconds(5))
        .until(() -> handled.stream().filter("bench/bad"::equals).count() == 2);
    await("the queue holds nothing").atMost(Duration.ofSeconds(5)).until(this::empty);
  }

  private boolean empty() {
    return Arrays.equals(queue.sizes(), new int[5]);
  }
}

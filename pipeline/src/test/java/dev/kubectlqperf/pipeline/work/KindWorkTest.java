package dev.kubectlqperf.pipeline.work;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The one loop behind MatrixWork and ScheduleWork: keys from the source reach the term's reconciler, per term. */
class KindWorkTest {

  private final List<String> reconciled = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger terms = new AtomicInteger();
  private volatile Consumer<String> keys;

  private final class Work extends KindWork {
    Work() {
      super("testkind", 1, KindWorkTest.this::term, feed -> {
        keys = feed;
        return new EventSource() {
          @Override
          public void start() {
            events.add("source started");
          }

          @Override
          public void close() {
            events.add("source closed");
          }
        };
      });
    }
  }

  private KindWork.Term term() {
    int number = terms.incrementAndGet();
    return new KindWork.Term() {
      @Override
      public Duration reconcile(String namespace, String name) {
        reconciled.add("term " + number + ": " + namespace + " " + name + " (" + MDC.get("testkind") + ")");
        return null;
      }

      @Override
      public void close() {
        events.add("term " + number + " closed");
      }
    };
  }

  @Test
  void eachTermReconcilesTheSourcesKeysAndIsClosedWithIt() {
    Work work = new Work();
    work.start();
    keys.accept("bench/nightly");
    await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 1);
    assertEquals("term 1: bench nightly (bench/nightly)", reconciled.get(0));
    work.close();
    assertEquals(List.of("source started", "source closed", "term 1 closed"), events);

    work.start();
    keys.accept("bench/weekly");
    await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 2);
    assertTrue(reconciled.get(1).startsWith("term 2: bench weekly"), reconciled.toString());
    work.close();
    work.close(); // twice is harmless
    assertEquals("term 2 closed", events.get(events.size() - 1));
  }
}

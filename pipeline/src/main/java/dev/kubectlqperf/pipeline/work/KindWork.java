package dev.kubectlqperf.pipeline.work;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * One custom resource kind's side of the pipeline (QperfMatrix, QperfSchedule): its own event
 * source and work queue in front of its reconciler, started and stopped with the Qperf work, so
 * only the leader acts. A queue of its own keeps its keys apart from another kind's keys of the
 * same name. Whatever a term of leadership needs (the reconciler, the clients it posts with) is
 * made at each start and closed at the end of the term. The handler calls the reconciler directly
 * rather than through a Camel route: such a pass publishes nothing, and the queue owns retries and
 * backoff either way.
 */
public class KindWork implements AutoCloseable {

  /** What one term of leadership made: it reconciles one object of the kind, and is closed with the term. */
  public interface Term extends AutoCloseable {

    /** @return when to look again, or null */
    Duration reconcile(String namespace, String name) throws InterruptedException;

    @Override
    default void close() {}
  }

  /** Turns cluster changes into keys ({@code namespace/name}) once started. */
  public interface EventSource extends AutoCloseable {

    void start();

    @Override
    void close();
  }

  private final String logKey;
  private final int workers;
  private final Supplier<Term> terms;
  private final Function<Consumer<String>, EventSource> sources;
  private Term term;
  private WorkQueue queue;
  private EventSource source;

  /**
   * @param logKey the logging context (MDC) key that holds the object's key while it is reconciled
   * @param sources makes the event source that feeds the given consumer
   */
  protected KindWork(String logKey, int workers, Supplier<Term> terms,
      Function<Consumer<String>, EventSource> sources) {
    this.logKey = logKey;
    this.workers = workers;
    this.terms = terms;
    this.sources = sources;
  }

  public synchronized void start() {
    Term started = terms.get();
    term = started;
    queue = new WorkQueue(workers, key -> reconcile(started, key));
    source = sources.apply(queue::add);
    queue.start();
    try {
      source.start();
    } catch (RuntimeException e) {
      close(); // no workers left waiting on a queue that nothing feeds
      throw e;
    }
  }

  private Duration reconcile(Term with, String key) {
    int slash = key.indexOf('/');
    MDC.put(logKey, key);
    try {
      return with.reconcile(key.substring(0, slash), key.substring(slash + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      MDC.remove(logKey);
    }
  }

  @Override
  public synchronized void close() {
    if (source != null) {
      source.close();
      source = null;
    }
    if (queue != null) {
      queue.close();
      queue = null;
    }
    if (term != null) {
      term.close();
      term = null;
    }
  }
}

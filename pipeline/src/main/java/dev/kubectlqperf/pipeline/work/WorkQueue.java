package dev.kubectlqperf.pipeline.work;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys (namespace/name) waiting to be reconciled. A key is never handled by two workers at once;
 * a key added while it is being handled runs again afterwards; many adds of a waiting key are
 * one; a bounded number of workers handle different keys in parallel. A failing key is retried
 * with a growing delay, so one broken Qperf never blocks the others.
 *
 * <p>Whatever a handler throws, {@link Error}s included, ends that key's turn as a failure: the
 * worker lives on and the key is retried, never left marked active. A key holds memory only while
 * it waits, runs, is failing or has a delay pending.
 */
public final class WorkQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final Function<String, Duration> handler;
  private final int workers;
  private final Set<String> waiting = new LinkedHashSet<>();
  private final Set<String> active = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Delay> delayed = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("qperf-queue-timer").daemon().factory());
  private ExecutorService pool;
  private boolean closed;
  private long delays;

  /** A pending {@link #addAfter}; {@code id} tells it from a later one for the same key. */
  private record Delay(long id, ScheduledFuture<?> future) {}

  /** @param handler reconciles one key; returns when to handle it again, or null */
  public WorkQueue(int workers, Function<String, Duration> handler) {
    this.workers = workers;
    this.handler = handler;
  }

  public synchronized void start() {
    pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("qperf-worker-", 1).factory());
    for (int i = 0; i < workers; i++) {
      pool.execute(this::work);
    }
  }

  public synchronized void add(String key) {
    if (closed) {
      return;
    }
    if (active.contains(key)) {
      dirty.add(key);
    } else if (waiting.add(key)) {
      notifyAll();
    }
  }

  /** Keys waiting for a worker now. */
  public synchronized int depth() {
    return waiting.size();
  }

  /** Adds the key after a delay; an earlier pending delay for the key wins. */
  public synchronized void addAfter(String key, Duration delay) {
    if (closed) {
      return;
    }
    Delay existing = delayed.get(key);
    if (existing != null && existing.future().getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
      return;
    }
    if (existing != null) {
      existing.future().cancel(false);
    }
    long id = ++delays;
    delayed.put(key, new Delay(id, timer.schedule(() -> due(key, id), Math.max(0, delay.toMillis()),
        TimeUnit.MILLISECONDS)));
  }

  /** A delay ran out: it is forgotten (unless a newer one replaced it) and the key is added. */
  private synchronized void due(String key, long id) {
    Delay current = delayed.get(key);
    if (current != null && current.id() == id) {
      delayed.remove(key);
    }
    add(key);
  }

  private void work() {
    String key;
    while ((key = take()) != null) {
      Duration again = null;
      boolean failed = true;
      try {
        again = handler.apply(key);
        failed = false;
      } catch (RuntimeException e) {
        if (isClosed()) {
          return; // interrupted by shutdown; the next instance reconciles again
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.warn("Qperf {}: reconcile failed, will retry: {}", key, cause.toString());
        LOG.debug("Qperf {}: reconcile failure", key, e);
      } catch (Error e) {
        LOG.error("Qperf {}: reconcile failed with an error, will retry", key, e);
      } finally {
        done(key, failed, again);
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized String take() {
    while (!closed && waiting.isEmpty()) {
      try {
        wait();
      } catch (InterruptedException e) {
        // Only close() ends a worker: an interrupt a handler left behind must not cost a worker.
      }
    }
    if (closed) {
      return null;
    }
    Iterator<String> it = waiting.iterator();
    String key = it.next();
    it.remove();
    active.add(key);
    return key;
  }

  private synchronized void done(String key, boolean failed, Duration again) {
    active.remove(key);
    if (failed) {
      int n = failures.merge(key, 1, Integer::sum);
      addAfter(key, Duration.ofMillis(Math.min(MAX_BACKOFF_MS, 250L << Math.min(n, 10))));
    } else {
      failures.remove(key);
      if (again != null) {
        addAfter(key, again);
      }
    }
    if (dirty.remove(key)) {
      waiting.add(key);
      notifyAll();
    }
  }

  /** How many keys each internal table holds: waiting, active, dirty, failing, delayed. */
  /* test */ synchronized int[] sizes() {
    return new int[] {waiting.size(), active.size(), dirty.size(), failures.size(), delayed.size()};
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    timer.shutdownNow();
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

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
  private final Map<String, ScheduledFuture<?>> delayed = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("qperf-queue-timer").daemon().factory());
  private ExecutorService pool;
  private boolean closed;

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

  /** Adds the key after a delay; an earlier pending delay for the key wins. */
  public synchronized void addAfter(String key, Duration delay) {
    if (closed) {
      return;
    }
    ScheduledFuture<?> existing = delayed.get(key);
    if (existing != null && !existing.isDone() && existing.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
      return;
    }
    if (existing != null) {
      existing.cancel(false);
    }
    delayed.put(key, timer.schedule(() -> add(key), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
  }


  private void work() {
    String key;
    while ((key = take()) != null) {
      Duration again = null;
      boolean failed = false;
      try {
        again = handler.apply(key);
      } catch (RuntimeException e) {
        failed = true;
        if (isClosed()) {
          return; // interrupted by shutdown; the next instance reconciles again
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.warn("Qperf {}: reconcile failed, will retry: {}", key, cause.toString());
        LOG.debug("Qperf {}: reconcile failure", key, e);
      }
      done(key, failed, again);
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
        Thread.currentThread().interrupt();
        return null;
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

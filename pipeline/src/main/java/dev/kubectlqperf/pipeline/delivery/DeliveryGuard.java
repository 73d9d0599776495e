package dev.kubectlqperf.pipeline.delivery;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a run's result from going to a sink twice from this process: a delivery is claimed before
 * it is queued and stays claimed while it is retried. Once it ends, it is remembered for a while,
 * because a reconcile may have read the run's status (still Pending) just before the delivery
 * recorded its end.
 */
public final class DeliveryGuard {

  private static final int REMEMBERED = 10_000;
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Boolean> ended = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** True when the caller may deliver: this run is neither being delivered to that sink nor was. */
  public synchronized boolean claim(String runUid, String sink) {
    String key = runUid + "/" + sink;
    return !ended.containsKey(key) && inFlight.add(key);
  }

  public synchronized void ended(String runUid, String sink) {
    String key = runUid + "/" + sink;
    inFlight.remove(key);
    ended.put(key, Boolean.TRUE);
  }

  /** The delivery was abandoned without an outcome (the pipeline is stopping): it may be claimed again. */
  public synchronized void abandoned(String runUid, String sink) {
    inFlight.remove(runUid + "/" + sink);
  }
}

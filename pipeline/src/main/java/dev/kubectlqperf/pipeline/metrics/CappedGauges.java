package dev.kubectlqperf.pipeline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges whose series come and go with what they describe: each series has an owner (the run that
 * set its value last) and is removed with it. At most {@code cap} series exist at once; a series
 * that would exceed the cap is not exported, and one log line says so each time the cap is reached.
 */
final class CappedGauges {

  private static final Logger LOG = LoggerFactory.getLogger(CappedGauges.class);

  private record Key(String metric, Tags tags) {}

  private static final class Series {
    private volatile double value;
    private String owner;
    private String order;
    private Gauge gauge;
  }

  private final MeterRegistry registry;
  private final int cap;
  private final String capSetting;
  private final Map<Key, Series> series = new HashMap<>();
  private boolean capped;

  /** @param capSetting the setting that raises the cap, named in the log line */
  CappedGauges(MeterRegistry registry, int cap, String capSetting) {
    this.registry = registry;
    this.cap = cap;
    this.capSetting = capSetting;
  }

  /**
   * Sets a series to {@code value}, owned by {@code owner} from now on, unless it holds a value
   * of a later {@code order} (an ISO-8601 time: a run seen late must not hide a newer one).
   */
  synchronized void set(String metric, Map<String, String> labels, double value, String owner, String order) {
    Key key = new Key(metric, tags(labels));
    Series s = series.get(key);
    if (s == null) {
      if (series.size() >= cap) {
        if (!capped) {
          capped = true;
          LOG.warn("metrics: {} series exported, the cap ({}={}); {}{} and any further series are not exported "
              + "until runs are deleted or the cap is raised", series.size(), capSetting, cap, metric, labels);
        }
        return;
      }
      s = new Series();
      Series held = s;
      s.gauge = Gauge.builder(metric, held, h -> h.value).tags(key.tags()).strongReference(true).register(registry);
      series.put(key, s);
    } else if (s.order != null && order != null && s.order.compareTo(order) > 0) {
      return;
    }
    s.value = value;
    s.owner = owner;
    s.order = order;
  }

  /** Removes every series {@code owner} set last. */
  synchronized void removeOwnedBy(String owner) {
    for (Iterator<Series> it = series.values().iterator(); it.hasNext();) {
      Series s = it.next();
      if (owner.equals(s.owner)) {
        registry.remove(s.gauge);
        it.remove();
      }
    }
    if (series.size() < cap) {
      capped = false;
    }
  }

  synchronized int size() {
    return series.size();
  }

  private static Tags tags(Map<String, String> labels) {
    Tags tags = Tags.empty();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      tags = tags.and(label.getKey(), label.getValue());
    }
    return tags;
  }
}

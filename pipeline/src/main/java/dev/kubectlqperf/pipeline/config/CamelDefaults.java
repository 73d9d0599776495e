package dev.kubectlqperf.pipeline.config;

import org.apache.camel.main.Main;

/** Camel properties with a default: the caller's own value, added before, wins. */
public final class CamelDefaults {

  private CamelDefaults() {}

  public static void set(Main main, String key, String value) {
    // Camel's OrderedProperties keeps its entries apart from Hashtable's: containsKey never sees them.
    if (main.getInitialProperties().getProperty(key) == null) {
      main.addInitialProperty(key, value);
    }
  }
}

package dev.kubectlqperf.plugin.diagnosis;

/**
 * The sinks the pipeline sends results to by default (QPERF_SINKS). Their reachability is the
 * pipeline's to tell, not the plugin's guess: the finding names them and says how to ask it.
 */
public final class SinkCheck {

  private SinkCheck() {}

  /**
   * @param sinks the pipeline's QPERF_SINKS, null when unknown
   * @param howToAsk where the pipeline's health is (its readiness covers the sink routes)
   */
  public static Finding evaluate(String sinks, String source, String howToAsk) {
    if (sinks == null) {
      return Finding.warn("sinks", "the pipeline's default sinks are unknown (" + source + ")", howToAsk);
    }
    if (sinks.isBlank()) {
      return Finding.pass("sinks", "no default sinks (" + source + "): results stay in each run's status");
    }
    return Finding.warn("sinks", "default sinks: " + sinks + " (" + source + "); their reachability is not checked here",
        howToAsk);
  }
}

package dev.kubectlqperf.model.schedule;

/** As a CronJob's: what to do when a run is due while an earlier one still runs. */
public enum ConcurrencyPolicy {
  /** Start it anyway. */
  Allow,
  /** Do not start it while one runs (the default). */
  Forbid,
  /** Delete the running ones, then start it. */
  Replace
}

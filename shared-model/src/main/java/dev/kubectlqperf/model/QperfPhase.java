package dev.kubectlqperf.model;

/** Where a run is in its lifecycle. Completed and Failed are final. */
public enum QperfPhase {
  Pending,
  Starting,
  Running,
  Completed,
  Failed;

  public boolean isFinal() {
    return this == Completed || this == Failed;
  }
}

package dev.kubectlqperf.pipeline.reconcile;

/** The points between which the pipeline may die; each is idempotent to resume from. */
public enum Step {
  ACCEPTED, SERVER_CREATED, CLIENT_CREATED, RESULT_RECORDED, RESULT_PUBLISHED, SERVER_DELETED;

  /** Told after each step; tests use it to stop a pipeline at an exact point. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (step, key) -> { };

    void reached(Step step, String key);
  }
}

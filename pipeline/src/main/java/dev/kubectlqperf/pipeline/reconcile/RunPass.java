package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One pass over one active run: the CR as read, the status as saved and as being built, and the
 * time. Steps change {@link #next()}; the pass writes it once, at its end.
 */
final class RunPass {

  private final Qperf stored;
  private final QperfStatus saved;
  private final QperfStatus next;
  private final Instant now;
  private final QperfSpec unfrozen;

  /** @param unfrozen the stored spec with the pipeline's defaults, for a run that has not frozen one yet */
  RunPass(Qperf stored, Instant now, QperfSpec unfrozen) {
    this.stored = stored;
    this.saved = stored.getStatus();
    this.next = saved == null ? new QperfStatus() : saved.copy();
    this.now = now;
    this.unfrozen = unfrozen;
  }

  /** The CR as read: its metadata, and the spec as it is now (maybe edited since the run started). */
  Qperf stored() {
    return stored;
  }

  /** The run as it started (the frozen spec), seen with the status being built. */
  Qperf run() {
    Qperf run = stored.withStatus(next);
    run.setSpec(next.getRunSpec() != null ? next.getRunSpec() : unfrozen);
    return run;
  }

  /** The stored spec with the pipeline's defaults: what the run freezes when it starts. */
  QperfSpec specToFreeze() {
    return unfrozen;
  }

  QperfStatus saved() {
    return saved;
  }

  QperfStatus next() {
    return next;
  }

  Instant now() {
    return now;
  }

  String namespace() {
    return stored.getMetadata().getNamespace();
  }

  String name() {
    return stored.getMetadata().getName();
  }

  String key() {
    return namespace() + "/" + name();
  }

  int repetitions() {
    return run().repetitions();
  }

  Instant deadline() {
    QperfSpec spec = run().getSpec();
    Instant start = next.getStartTime() == null ? now : Instant.parse(next.getStartTime());
    return start.plusSeconds(spec == null ? 0 : spec.effectiveTimeoutSeconds());
  }

  /** Look again at the deadline, or sooner when polling for something no event announces. */
  Duration untilDeadline(Duration poll) {
    Duration left = Duration.between(now, deadline()).plusMillis(100);
    return poll != null && poll.compareTo(left) < 0 ? poll : left;
  }
}

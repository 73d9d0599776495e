package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Optional;

/**
 * What to do about an object that has the name a run needs: nothing when it is the run's own; wait
 * when an earlier run of the same name left it (garbage collection removes it, its owner is gone);
 * otherwise the name is taken by someone else's object, which the run must never touch: it fails.
 */
final class NameConflicts {

  static final Duration GARBAGE_COLLECTION_POLL = Duration.ofSeconds(2);

  private NameConflicts() {}

  static Optional<Decision> check(HasMetadata existing, Qperf run) {
    if (existing == null || QperfResources.ownedBy(existing, run)) {
      return Optional.empty();
    }
    if (QperfResources.leftByRunNamed(existing, run.getMetadata().getName())) {
      return Optional.of(Decision.waitFor(GARBAGE_COLLECTION_POLL));
    }
    return Optional.of(Decision.fail(problem(existing)));
  }

  static Problem problem(HasMetadata existing) {
    String what = existing.getKind() + " " + existing.getMetadata().getNamespace() + "/"
        + existing.getMetadata().getName();
    return new Problem("NameConflict", what + " already exists and does not belong to this run; it was left as it is. "
        + "Give the Qperf another name, or delete that " + existing.getKind() + " if it is not needed");
  }
}

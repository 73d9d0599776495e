package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixPlan;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixSummarizer;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.PairResults;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one pass of a running matrix decides, from its frozen plan and the children that exist:
 * pure. The current round is the first one with a child missing or not yet ended; only its missing
 * children are created, so a round starts once every child of the one before has ended, and a
 * child that exists (from an earlier pass or an earlier pipeline) is never created again.
 *
 * <p>A failed child is a measured pair that failed: the matrix still completes, the pair is marked
 * failed in {@code status.pairs} and counted in {@code progress.failed}, and the summarizer's
 * verdict says {@code Failed}. Phase {@code Failed} is kept for a matrix that cannot run at all.
 */
final class MatrixPass {

  /** The children to create now, and the status this pass computed. */
  record Decision(List<Qperf> toCreate, QperfMatrixStatus next) {
    boolean completed() {
      return next.getPhase() == QperfPhase.Completed;
    }
  }

  private MatrixPass() {}

  /** @param next the status so far (frozen run spec and nodes); it is filled in and returned in the decision */
  static Decision decide(QperfMatrix matrix, MatrixPlan plan, List<Qperf> existing, QperfMatrixStatus next,
      Instant now) {
    QperfMatrixSpec runSpec = next.getRunSpec();
    Map<String, Qperf> children = existing.stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity(), (a, b) -> a));
    List<Qperf> toCreate = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    int current = 0;
    for (int number = 1; number <= plan.roundCount() && current == 0; number++) {
      MatrixPlan.Round round = plan.round(number);
      for (NodePair pair : round.pairs()) {
        String name = MatrixChildren.childName(matrix, round.scenario(), pair);
        planned.add(name);
        Qperf child = children.get(name);
        if (child == null) {
          toCreate.add(MatrixChildren.child(matrix, runSpec.template(), round.scenario(), pair));
        }
        if (!ended(child)) {
          current = number;
        }
      }
    }
    List<PairResult> results = existing.stream().filter(c -> planned.contains(c.getMetadata().getName()))
        .map(PairResults::fromChild).toList();
    MatrixProgress progress = MatrixProgress.of(plan, results, current);
    next.setProgress(progress);
    MatrixSummarizer.summarize(results, runSpec).applyTo(next);
    if (next.getStartTime() == null) {
      next.setStartTime(now.toString());
    }
    if (current == 0) {
      next.setPhase(QperfPhase.Completed).setCompletionTime(now.toString()).setReason(null)
          .setMessage(progress.failed() == null ? null : progress.failed() + " of " + progress.total()
              + " pair runs failed");
    } else {
      next.setPhase(QperfPhase.Running).setReason(null)
          .setMessage("round " + current + " of " + progress.totalRounds());
    }
    return new Decision(List.copyOf(toCreate), next);
  }

  private static boolean ended(Qperf child) {
    return child != null && child.getStatus() != null && child.getStatus().getPhase() != null
        && child.getStatus().getPhase().isFinal();
  }
}

package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.MatrixPlan;
import dev.kubectlqperf.model.matrix.MatrixPlanner;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixSummarizer;
import dev.kubectlqperf.model.matrix.NodeSelection;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How big the matrix's status gets for a cluster too big to hold every child here: the summarizer
 * over one headline result per pair (no children), every tenth node slow, so that the outlier
 * lists fill up to their bounds. Prints the status's size against etcd's object limit.
 */
final class StatusBound {

  private StatusBound() {}

  static void print(QperfMatrix matrix, QperfMatrixSpec runSpec, KubernetesSerialization json, int n) {
    MatrixPlan plan = MatrixPlanner.plan(NodeSelection.select(MatrixHeapBench.nodes(n), runSpec), runSpec);
    List<MatrixNode> nodes = plan.nodes();
    Set<MatrixNode> slow = nodes.stream().filter(node -> nodes.indexOf(node) % 10 == 7).collect(Collectors.toSet());
    Random random = new Random(19);
    List<PairResult> results = new ArrayList<>(plan.pairCount());
    for (MatrixPlan.Step step : plan.steps()) {
      double f = Math.max(0.8, Math.min(1.2, 1 + 0.05 * random.nextGaussian()));
      if (slow.contains(step.pair().src()) || slow.contains(step.pair().dst())) {
        f *= 0.3;
      }
      results.add(PairResult.completed(step.pair().src().name(), step.pair().dst().name(), step.scenario(), 2.02e9 * f,
          7.02e-6 / f).withChild(MatrixChildren.childName(matrix, step.scenario(), step.pair())));
    }
    long t = System.nanoTime();
    QperfMatrixStatus status = MatrixSummarizer.summarize(results, runSpec).applyTo(new QperfMatrixStatus()
        .setRunSpec(runSpec).setNodes(nodes).setProgress(MatrixProgress.of(plan, results, 0))
        .setPhase(QperfPhase.Completed));
    long nanos = System.nanoTime() - t;
    long bytes = json.asJson(status).getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("%nstatus bound, %d nodes (%d pairs, %d slow nodes; summarizer only, no children): summarized "
        + "in %.0f ms; %d pairs kept, %d outlier pairs, %d outlier nodes, %d node medians, %d nodes; status JSON %d "
        + "bytes (%.1f %% of etcd's 1.5 MiB)%n", n, plan.pairCount(), slow.size(), nanos / 1e6, status.getPairs().size(),
        status.getOutlierPairs().size(), status.getOutlierNodes().size(), status.getNodeMedians().size(),
        status.getNodes().size(), bytes, 100.0 * bytes / MatrixHeapBench.ETCD_LIMIT);
  }
}

package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.QperfSpec;
import java.util.List;

/**
 * Prints how long the planner takes for big clusters (bench/matrix-planner.sh runs it). A
 * benchmark, not a test: timing assertions in unit tests fail on a busy machine.
 */
public final class MatrixPlannerBench {

  private MatrixPlannerBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    QperfMatrixSpec all = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null));
    List<QperfMatrixSpec> specs = List.of(all, all.withPairs(PairMode.All, null, true).withConcurrency(100),
        all.withConcurrency(1), all.withPairs(PairMode.Sample, 3, false));
    List<String> names = List.of("all pairs", "all pairs + diagonal, concurrency 100", "all pairs, concurrency 1",
        "sample K=3");
    List<MatrixNode> nodes = PlanChecks.nodes(n);
    for (int s = 0; s < specs.size(); s++) {
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        MatrixPlan plan = MatrixPlanner.plan(nodes, specs.get(s));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%-40s N=%d run %d: %5d ms, %d pairs in %d rounds%n", names.get(s), n, run, millis,
            plan.pairCount(), plan.roundCount());
      }
    }
  }
}

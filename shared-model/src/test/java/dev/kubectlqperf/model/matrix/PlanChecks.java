package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** The planner's invariants, checked on a plan. */
final class PlanChecks {

  private PlanChecks() {}

  static List<MatrixNode> nodes(int n) {
    return IntStream.range(0, n).mapToObj(i -> new MatrixNode(String.format("node-%04d", i), "zone-" + i % 3)).toList();
  }

  /** No node twice in a round; no round larger than the concurrency or empty. */
  static void roundsAreDisjoint(MatrixPlan plan, int concurrency) {
    for (int number = 1; number <= plan.roundCount(); number++) {
      MatrixPlan.Round round = plan.round(number);
      assertTrue(!round.pairs().isEmpty(), "round " + round.number() + " is empty");
      assertTrue(round.pairs().size() <= concurrency, "round " + round.number() + " has " + round.pairs().size());
      Set<String> busy = new HashSet<>();
      for (NodePair pair : round.pairs()) {
        boolean srcFree = busy.add(pair.src().name());
        boolean dstFree = pair.sameNode() || busy.add(pair.dst().name());
        if (!srcFree || !dstFree) {
          fail("round " + round.number() + " uses a node of " + pair + " twice");
        }
      }
    }
  }

  /** Per scenario, every ordered pair of distinct nodes (and the diagonal when asked) exactly once. */
  static void everyPairOnce(MatrixPlan plan, boolean sameNode) {
    int n = plan.nodes().size();
    Map<String, Integer> index = new HashMap<>();
    plan.nodes().forEach(node -> index.put(node.name(), index.size()));
    for (Scenario scenario : plan.scenarios()) {
      boolean[][] seen = new boolean[n][n];
      int count = 0;
      for (int number = 1; number <= plan.roundCount(); number++) {
        MatrixPlan.Round round = plan.round(number);
        if (round.scenario() != scenario) {
          continue;
        }
        for (NodePair pair : round.pairs()) {
          int src = index.get(pair.src().name());
          int dst = index.get(pair.dst().name());
          assertTrue(!seen[src][dst], "pair " + pair + " twice");
          seen[src][dst] = true;
          count++;
        }
      }
      assertEquals(n * (n - 1) + (sameNode ? n : 0), count, "pairs of " + scenario);
    }
  }

  /**
   * A lower bound on the rounds of one scenario: every round holds at most {@code concurrency}
   * pairs and uses at most n node slots (an ordered pair takes two, a same-node pair one).
   */
  static int lowerBound(int n, boolean sameNode, int concurrency) {
    long ordered = (long) n * (n - 1);
    long self = sameNode ? n : 0;
    if (ordered + self == 0) {
      return 0;
    }
    long byPairs = ceil(ordered + self, concurrency);
    long bySlots = ceil(2 * ordered + self, n);
    long byMatching = n >= 2 ? ceil(ordered, n / 2) : 0;
    return (int) Math.max(byPairs, Math.max(bySlots, sameNode ? 0 : byMatching));
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}

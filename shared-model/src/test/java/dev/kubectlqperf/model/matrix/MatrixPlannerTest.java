package dev.kubectlqperf.model.matrix;

import static dev.kubectlqperf.model.matrix.PlanChecks.everyPairOnce;
import static dev.kubectlqperf.model.matrix.PlanChecks.lowerBound;
import static dev.kubectlqperf.model.matrix.PlanChecks.nodes;
import static dev.kubectlqperf.model.matrix.PlanChecks.roundsAreDisjoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixPlannerTest {

  private static final QperfMatrixSpec ALL = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null));

  @Test
  void aThousandNodesGetEveryOrderedPairOnceInTheOptimalNumberOfDisjointRounds() {
    MatrixPlan plan = MatrixPlanner.plan(nodes(1000), ALL);
    roundsAreDisjoint(plan, Integer.MAX_VALUE);
    everyPairOnce(plan, false);
    assertEquals(2 * 999, plan.roundCount(), "2(N-1) rounds of N/2 pairs");
    assertTrue(plan.rounds().stream().allMatch(r -> r.pairs().size() == 500));
  }

  @Test
  void aThousandNodesWithTheDiagonalAndALimitStayWithinOneOfTheOptimum() {
    QperfMatrixSpec spec = ALL.withPairs(PairMode.All, null, true).withConcurrency(300);
    MatrixPlan plan = MatrixPlanner.plan(nodes(1001), spec);
    roundsAreDisjoint(plan, 300);
    everyPairOnce(plan, true);
    assertTrue(plan.roundCount() <= lowerBound(1001, true, 300) + 1, plan.roundCount() + " rounds");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 7, 9, 11, 101})
  void oddNodeCountsTakeNRoundsPerDirection(int n) {
    MatrixPlan plan = MatrixPlanner.plan(nodes(n), ALL);
    roundsAreDisjoint(plan, Integer.MAX_VALUE);
    everyPairOnce(plan, false);
    assertEquals(2 * n, plan.roundCount());
  }

  @Test
  void everySmallClusterAndConcurrencyStaysWithinOneOfTheOptimum() {
    for (int n = 0; n <= 24; n++) {
      for (boolean sameNode : new boolean[] {false, true}) {
        for (int c = 1; c <= n / 2 + 2; c++) {
          assertWithinOne(n, sameNode, c);
        }
        assertWithinOne(n, sameNode, Integer.MAX_VALUE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 100, 101})
  void largerClustersStayWithinOneOfTheOptimumForEveryConcurrency(int n) {
    for (int c = 1; c <= n / 2 + 1; c++) {
      assertWithinOne(n, c % 2 == 0, c);
    }
  }

  private static void assertWithinOne(int n, boolean sameNode, int concurrency) {
    QperfMatrixSpec spec = ALL.withPairs(PairMode.All, null, sameNode)
        .withConcurrency(concurrency == Integer.MAX_VALUE ? null : concurrency);
    MatrixPlan plan = MatrixPlanner.plan(nodes(n), spec);
    String what = "n=" + n + " sameNode=" + sameNode + " c=" + concurrency;
    roundsAreDisjoint(plan, concurrency);
    everyPairOnce(plan, sameNode);
    int bound = lowerBound(n, sameNode, concurrency);
    assertTrue(plan.roundCount() <= bound + 1, what + ": " + plan.roundCount() + " rounds, optimum >= " + bound);
  }

  @Test
  void tinyClusters() {
    assertEquals(0, MatrixPlanner.plan(nodes(0), ALL).roundCount());
    assertEquals(0, MatrixPlanner.plan(nodes(1), ALL).roundCount(), "one node has no pair but itself");
    MatrixPlan single = MatrixPlanner.plan(nodes(1), ALL.withPairs(PairMode.All, null, true));
    assertEquals(List.of(new NodePair(nodes(1).get(0), nodes(1).get(0))), single.round(1).pairs());
    MatrixPlan two = MatrixPlanner.plan(nodes(2), ALL);
    assertEquals(2, two.roundCount());
    assertEquals("node-0001->node-0000", two.round(1).pairs().get(0).toString() + "", "fixed node first, then reversed");
    assertEquals("node-0000->node-0001", two.round(2).pairs().get(0).toString());
    MatrixPlan three = MatrixPlanner.plan(nodes(3), ALL.withPairs(PairMode.All, null, true));
    everyPairOnce(three, true);
    assertEquals(6, three.roundCount(), "the diagonal fits where a node sits out");
  }

  @Test
  void concurrencyOneIsStrictlySerial() {
    MatrixPlan plan = MatrixPlanner.plan(nodes(6), ALL.withConcurrency(1));
    assertEquals(30, plan.roundCount());
    assertTrue(plan.rounds().stream().allMatch(r -> r.pairs().size() == 1));
    everyPairOnce(plan, false);
  }

  @Test
  void scenariosRunOneAfterTheOtherOnTheSameRounds() {
    MatrixPlan plan = MatrixPlanner.plan(nodes(4), ALL.withScenarios(List.of(Scenario.PodToPod, Scenario.HostNetworkBoth)));
    assertEquals(12, plan.roundCount());
    assertEquals(24, plan.pairCount());
    assertEquals(Scenario.PodToPod, plan.round(6).scenario());
    assertEquals(Scenario.HostNetworkBoth, plan.round(7).scenario());
    assertEquals(plan.round(1).pairs(), plan.round(7).pairs());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), plan.rounds().stream().map(MatrixPlan.Round::number).toList());
    everyPairOnce(plan, false);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 10, 64, 1000})
  void sampleModeMeasuresEveryNodeKTimesEachWay(int n) {
    int k = 3;
    MatrixPlan plan = MatrixPlanner.plan(nodes(n), ALL.withPairs(PairMode.Sample, k, false));
    roundsAreDisjoint(plan, Integer.MAX_VALUE);
    Map<String, Integer> asClient = new HashMap<>();
    Map<String, Integer> asServer = new HashMap<>();
    List<String> seen = new ArrayList<>();
    for (MatrixPlan.Step step : plan.steps()) {
      assertTrue(!step.pair().sameNode());
      asClient.merge(step.pair().src().name(), 1, Integer::sum);
      asServer.merge(step.pair().dst().name(), 1, Integer::sum);
      seen.add(step.pair().toString());
    }
    int perNode = Math.min(k, n - 1);
    assertEquals(n * perNode, plan.pairCount(), "bounded: N·K pairs");
    assertEquals(seen.size(), seen.stream().distinct().count(), "no pair twice");
    assertTrue(asClient.values().stream().allMatch(v -> v == perNode), asClient.toString());
    assertTrue(asServer.values().stream().allMatch(v -> v == perNode), asServer.toString());
    assertTrue(plan.roundCount() <= 3 * perNode, plan.roundCount() + " rounds");
    assertEquals(plan, MatrixPlanner.plan(nodes(n), ALL.withPairs(PairMode.Sample, k, false)), "deterministic");
  }

  @Test
  void maxNodesKeepsTheFirstNodesByNameWhateverTheInputOrder() {
    List<MatrixNode> shuffled = new ArrayList<>(nodes(10));
    java.util.Collections.reverse(shuffled);
    shuffled.add(nodes(10).get(0));
    MatrixPlan plan = MatrixPlanner.plan(shuffled, ALL.withMaxNodes(4));
    assertEquals(nodes(4), plan.nodes());
    everyPairOnce(plan, false);
  }

  @Test
  void progressCountsEndedPairsAgainstThePlan() {
    MatrixPlan plan = MatrixPlanner.plan(nodes(4), ALL);
    List<PairResult> results = List.of(PairResult.completed("a", "b", Scenario.PodToPod, 1.0, 1.0),
        new PairResult("b", "a", Scenario.PodToPod, null, null, null, dev.kubectlqperf.model.QperfPhase.Failed, null),
        new PairResult("c", "d", Scenario.PodToPod, null, null, null, dev.kubectlqperf.model.QperfPhase.Running, null));
    assertEquals(new MatrixProgress(2, 12, 1, 2, 6), MatrixProgress.of(plan, results, 2));
  }

  @Test
  void sampleModeWithTheDiagonalAddsEachNodeOnce() {
    MatrixPlan plan = MatrixPlanner.plan(nodes(7), ALL.withPairs(PairMode.Sample, 2, true).withConcurrency(2));
    roundsAreDisjoint(plan, 2);
    assertEquals(7 * 2 + 7, plan.pairCount());
    assertEquals(7, plan.steps().stream().filter(s -> s.pair().sameNode()).count());
  }

  @Test
  void tooManyNodesForAllPairsIsRefusedWithAHint() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MatrixPlanner.plan(nodes(10_001), ALL));
    assertTrue(e.getMessage().contains("Sample"), e.getMessage());
  }
}

package dev.kubectlqperf.model.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The order a matrix runs its pairs in: rounds, one after the other, scenario after scenario. The
 * pairs of a round run at once and share no node. Computed again from the same nodes and spec,
 * the plan is the same, so a restarted pipeline finds its place in it. Rounds are built when
 * asked for: a plan for 1 000 nodes holds its million pairs as two int arrays.
 */
public final class MatrixPlan {

  /** One round: pairs measured at the same time on one scenario. {@code number} is 1-based over the whole plan. */
  public record Round(int number, Scenario scenario, List<NodePair> pairs) {}

  /** One pair run of the plan: what becomes one child Qperf. */
  public record Step(int round, Scenario scenario, NodePair pair) {}

  private final List<MatrixNode> nodes;
  private final List<Scenario> scenarios;
  private final RoundPacker.Packed packed;

  MatrixPlan(List<MatrixNode> nodes, List<Scenario> scenarios, RoundPacker.Packed packed) {
    this.nodes = List.copyOf(nodes);
    this.scenarios = List.copyOf(scenarios);
    this.packed = packed;
  }

  /** The nodes taking part, sorted by name. */
  public List<MatrixNode> nodes() {
    return nodes;
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  /** Rounds over all scenarios. */
  public int roundCount() {
    return packed.rounds() * scenarios.size();
  }

  /** Rounds of one scenario. */
  public int roundsPerScenario() {
    return packed.rounds();
  }

  /** Pair runs over all scenarios: the number of child Qperfs. */
  public int pairCount() {
    return packed.pairs().size() * scenarios.size();
  }

  /** The round with this 1-based number. */
  public Round round(int number) {
    if (number < 1 || number > roundCount()) {
      throw new IndexOutOfBoundsException("round " + number + " of " + roundCount());
    }
    int index = (number - 1) % packed.rounds();
    int[] starts = packed.roundStarts();
    List<NodePair> pairs = new ArrayList<>(starts[index + 1] - starts[index]);
    for (int i = starts[index]; i < starts[index + 1]; i++) {
      pairs.add(new NodePair(nodes.get(packed.pairs().src(i)), nodes.get(packed.pairs().dst(i))));
    }
    return new Round(number, scenarios.get((number - 1) / packed.rounds()), List.copyOf(pairs));
  }

  /** Every round in order; for big plans prefer {@link #round(int)}. */
  public List<Round> rounds() {
    return IntStream.rangeClosed(1, roundCount()).mapToObj(this::round).toList();
  }

  /** Every pair run in plan order. */
  public List<Step> steps() {
    return rounds().stream()
        .flatMap(r -> r.pairs().stream().map(p -> new Step(r.number(), r.scenario(), p)))
        .toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatrixPlan other && nodes.equals(other.nodes) && scenarios.equals(other.scenarios)
        && packed.pairs().equalTo(other.packed.pairs())
        && Arrays.equals(packed.roundStarts(), other.packed.roundStarts());
  }

  @Override
  public int hashCode() {
    return Objects.hash(nodes, scenarios, packed.pairs().hash(), Arrays.hashCode(packed.roundStarts()));
  }

  @Override
  public String toString() {
    return "MatrixPlan[" + nodes.size() + " nodes, " + scenarios + ", " + pairCount() + " pairs in " + roundCount()
        + " rounds]";
  }
}

package dev.kubectlqperf.model.matrix;

import java.util.Arrays;

/**
 * Packs an ordered sequence of pairs into rounds of at most {@code concurrency} node-disjoint
 * pairs. Each round starts with the oldest pair not yet placed and fills up, first come first
 * served, with later pairs that touch no node of the round, looking a bounded way ahead. Given
 * the circle method's rounds, this splits them into chunks and lets a chunk's leftover capacity
 * be taken by the next round's pairs, so the count stays at ⌈pairs / concurrency⌉ or one more.
 */
final class RoundPacker {

  /** The packed pairs in run order, and where each round starts in them (one more entry: the end). */
  record Packed(PairSequence pairs, int[] roundStarts) {
    int rounds() {
      return roundStarts.length - 1;
    }
  }

  private RoundPacker() {}

  static Packed pack(PairSequence stream, int nodeCount, int concurrency) {
    int total = stream.size();
    boolean[] placed = new boolean[total];
    int[] busyInRound = new int[nodeCount];
    int lookAhead = 2 * nodeCount + 2;
    PairSequence ordered = new PairSequence(total);
    int[] starts = new int[16];
    int rounds = 0;
    int head = 0;
    while (head < total) {
      if (rounds + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[rounds++] = ordered.size();
      int inRound = 0;
      for (int i = head; i < total && i < head + lookAhead && inRound < concurrency; i++) {
        int src = stream.src(i);
        int dst = stream.dst(i);
        if (placed[i] || busyInRound[src] == rounds || busyInRound[dst] == rounds) {
          continue;
        }
        busyInRound[src] = rounds;
        busyInRound[dst] = rounds;
        placed[i] = true;
        ordered.add(src, dst);
        inRound++;
      }
      while (head < total && placed[head]) {
        head++;
      }
    }
    starts[rounds] = ordered.size();
    return new Packed(ordered, Arrays.copyOf(starts, rounds + 1));
  }
}

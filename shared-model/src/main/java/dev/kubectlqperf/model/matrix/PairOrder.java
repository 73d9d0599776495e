package dev.kubectlqperf.model.matrix;

/**
 * The requested ordered pairs of node indexes (0..n-1), in an order that packs into few rounds:
 * a sequence of node-disjoint runs, so consecutive pairs rarely share a node.
 */
final class PairOrder {

  private PairOrder() {}

  /**
   * Every ordered pair by the circle method: n-1 rounds of n/2 disjoint pairs per direction for n
   * even, n rounds of (n-1)/2 for n odd (one node sits out each round). The second pass reverses
   * the first. Same-node pairs take the round where their node sits out, or a round of their own.
   */
  static PairSequence allPairs(int n, boolean sameNode) {
    PairSequence pairs = new PairSequence(n * (n - 1) + (sameNode ? n : 0));
    if (n < 2) {
      if (n == 1 && sameNode) {
        pairs.add(0, 0);
      }
      return pairs;
    }
    int m = n % 2 == 0 ? n : n + 1;
    for (int pass = 0; pass < 2; pass++) {
      boolean diagonalInByes = sameNode && pass == 0;
      for (int r = 0; r < m - 1; r++) {
        addOriented(pairs, m - 1, r, r % 2 == 0 ^ pass == 1, n, diagonalInByes);
        for (int k = 1; k < m / 2; k++) {
          addOriented(pairs, (r + k) % (m - 1), (r - k + m - 1) % (m - 1), pass == 0, n, diagonalInByes);
        }
      }
    }
    if (sameNode && n % 2 == 0) {
      addDiagonal(pairs, n);
    }
    return pairs;
  }

  /** A pair with the phantom node n (odd n) is a bye: the other node's same-node pair may take its place. */
  private static void addOriented(PairSequence pairs, int a, int b, boolean forward, int n, boolean diagonalInByes) {
    if (a == n || b == n) {
      if (diagonalInByes) {
        int free = a == n ? b : a;
        pairs.add(free, free);
      }
    } else if (forward) {
      pairs.add(a, b);
    } else {
      pairs.add(b, a);
    }
  }

  /**
   * For each shift s = 1..k, the pairs i → i+s (mod n): every node is client of k pairs and server
   * of k. The pairs of one shift form cycles; alternate edges of a cycle are disjoint, so each shift
   * is given as its even edges, its odd edges, then the closing edge of odd-length cycles.
   */
  static PairSequence shifts(int n, int k, boolean sameNode) {
    int shifts = Math.max(0, Math.min(k, n - 1));
    PairSequence pairs = new PairSequence(n * shifts + (sameNode ? n : 0));
    for (int s = 1; s <= shifts; s++) {
      int cycles = gcd(n, s);
      int length = n / cycles;
      for (int part = 0; part < 3; part++) {
        for (int start = 0; start < cycles; start++) {
          for (int t = 0; t < length; t++) {
            boolean closing = length % 2 == 1 && t == length - 1;
            int kind = closing ? 2 : t % 2;
            if (kind == part) {
              int src = (start + t * s) % n;
              pairs.add(src, (src + s) % n);
            }
          }
        }
      }
    }
    if (sameNode) {
      addDiagonal(pairs, n);
    }
    return pairs;
  }

  private static void addDiagonal(PairSequence pairs, int n) {
    for (int i = 0; i < n; i++) {
      pairs.add(i, i);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}

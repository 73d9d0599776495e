package dev.kubectlqperf.model.matrix;

import java.util.Arrays;

/**
 * A growable sequence of ordered pairs of node indexes, kept in two int arrays: a plan for 1 000
 * nodes has a million pairs, and an object per pair would cost more than the planning itself.
 */
final class PairSequence {

  private int[] src;
  private int[] dst;
  private int size;

  PairSequence(int capacity) {
    src = new int[Math.max(4, capacity)];
    dst = new int[Math.max(4, capacity)];
  }

  void add(int from, int to) {
    if (size == src.length) {
      src = Arrays.copyOf(src, size * 2);
      dst = Arrays.copyOf(dst, size * 2);
    }
    src[size] = from;
    dst[size] = to;
    size++;
  }

  int size() {
    return size;
  }

  int src(int i) {
    return src[i];
  }

  int dst(int i) {
    return dst[i];
  }

  boolean equalTo(PairSequence other) {
    return size == other.size && Arrays.equals(src, 0, size, other.src, 0, size)
        && Arrays.equals(dst, 0, size, other.dst, 0, size);
  }

  int hash() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * (31 * h + src[i]) + dst[i];
    }
    return h;
  }
}

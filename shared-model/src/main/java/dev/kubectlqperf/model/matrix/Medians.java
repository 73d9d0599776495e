package dev.kubectlqperf.model.matrix;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/** The median of the non-null values; null when there is none. */
final class Medians {

  private Medians() {}

  static Double of(Collection<Double> values) {
    double[] sorted = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    if (sorted.length == 0) {
      return null;
    }
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}

package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A node taking part in a matrix, with its zone ({@code topology.kubernetes.io/zone}) when it has one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixNode(String name, String zone) implements Comparable<MatrixNode> {

  public static MatrixNode of(String name) {
    return new MatrixNode(name, null);
  }

  @Override
  public int compareTo(MatrixNode other) {
    return name.compareTo(other.name);
  }
}

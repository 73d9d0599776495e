package dev.kubectlqperf.model.matrix;

/** One ordered pair: the qperf client runs on {@code src}, the server on {@code dst}. */
public record NodePair(MatrixNode src, MatrixNode dst) {

  public boolean sameNode() {
    return src.name().equals(dst.name());
  }

  public boolean involves(String node) {
    return src.name().equals(node) || dst.name().equals(node);
  }

  @Override
  public String toString() {
    return src.name() + "->" + dst.name();
  }
}

package dev.kubectlqperf.model.verdict;

/** How a measured value must relate to a threshold's limit. */
public enum Comparison {
  AT_LEAST(">=", "at least"),
  AT_MOST("<=", "at most"),
  ABOVE(">", "above"),
  BELOW("<", "below");

  private final String symbol;
  private final String words;

  Comparison(String symbol, String words) {
    this.symbol = symbol;
    this.words = words;
  }

  public String words() {
    return words;
  }

  String symbol() {
    return symbol;
  }

  public boolean holds(double value, double limit) {
    return switch (this) {
      case AT_LEAST -> value >= limit;
      case AT_MOST -> value <= limit;
      case ABOVE -> value > limit;
      case BELOW -> value < limit;
    };
  }
}

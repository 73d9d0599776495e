package dev.kubectlqperf.model.result;

/** The base units of the result document. */
public enum Unit {
  BYTES_PER_SECOND("B/s"),
  PER_SECOND("1/s"),
  SECONDS("s"),
  BYTES("B"),
  SECONDS_PER_GB("s/GB"),
  PERCENT_CPU("%cpu"),
  COUNT("1");

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}

package dev.kubectlqperf.plugin.diagnosis;

/** A check's outcome: passed, failed (a run would not work), or a warning (it may, or we cannot tell). */
public enum Status {
  PASS("✓", "pass"), FAIL("✗", "fail"), WARN("!", "warn");

  private final String symbol;
  private final String word;

  Status(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  /** The name in {@code -o json}. */
  public String word() {
    return word;
  }
}

package dev.kubectlqperf.plugin.diagnosis;

/** One line of doctor's report: what was checked, how it went, what was seen, and the fix (empty when none is needed). */
public record Finding(String check, Status status, String detail, String fix) {

  public static Finding pass(String check, String detail) {
    return new Finding(check, Status.PASS, detail, "");
  }

  public static Finding fail(String check, String detail, String fix) {
    return new Finding(check, Status.FAIL, detail, fix);
  }

  public static Finding warn(String check, String detail, String fix) {
    return new Finding(check, Status.WARN, detail, fix);
  }

  /** Data that could not be read (no rights, an error): a warning that says what and how to read it. */
  public static Finding unreadable(String check, String what, String error, String fix) {
    return warn(check, "cannot read " + what + ": " + error, fix);
  }
}

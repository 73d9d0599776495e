package dev.kubectlqperf.model.validation;

import java.util.List;

/** The reasons a spec cannot run; empty when it can. */
public record ValidationResult(List<String> errors) {

  public ValidationResult {
    errors = List.copyOf(errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** All reasons on one line, for a status message or a CLI error. */
  public String message() {
    return String.join("; ", errors);
  }
}

package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.qperf.QperfOption;
import dev.kubectlqperf.model.qperf.QperfValues;

/** qperf's {@code -oo Var:Init:Last:Incr}, checked the way qperf parses it. */
final class LoopSpec {

  private LoopSpec() {}

  /** Null when qperf accepts the loop, else qperf's reason. */
  static String problem(String option, String value) {
    String[] parts = value.split(":", -1);
    String var = part(parts, 0);
    String init = part(parts, 1);
    String last = part(parts, 2);
    String incr = part(parts, 3);
    String name = var == null ? "msg_size" : var;
    if (QperfOption.loopVariable(name).isEmpty()) {
      return option + ": " + name + ": no such variable";
    }
    if (incr != null) {
      String digits = incr.startsWith("*") ? incr.substring(1) : incr;
      if (QperfValues.parseSize(digits, option) < 1) {
        return option + ": " + digits + ": increment must be positive";
      }
    }
    if (init != null) {
      QperfValues.parseSize(init, option);
    }
    if (last == null) {
      return option + ": must specify limit";
    }
    QperfValues.parseSize(last, option);
    return null;
  }

  private static String part(String[] parts, int index) {
    return index < parts.length && !parts[index].isEmpty() ? parts[index] : null;
  }
}

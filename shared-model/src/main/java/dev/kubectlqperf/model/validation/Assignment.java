package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.qperf.QperfOption;
import java.util.List;

/**
 * Values that spec.options give one qperf variable: an option sets one, a {@code -oo} loop one per
 * run of the tests.
 *
 * @param source the option and its argument as written, e.g. {@code -t 0} or {@code -oo time:0:2:1}
 * @param option the option whose variable is set
 * @param values the values as qperf reads them, before it keeps them in 32 bits
 * @param loop whether a loop sets them
 */
record Assignment(String source, QperfOption option, List<Long> values, boolean loop) {

  Assignment {
    values = List.copyOf(values);
  }

  /** The source in quotes, as rejections name it. */
  String quoted() {
    return "'" + source + "'";
  }

  /** For a loop, which run a problem shows up in. */
  String inRun() {
    return loop ? " in one of its runs" : "";
  }
}

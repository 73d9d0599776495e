package dev.kubectlqperf.model.validation;

import static dev.kubectlqperf.model.validation.VariableRules.FIELD;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.qperf.QperfOption.Setting;
import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.qperf.QperfValues;
import java.util.List;

/**
 * The rules of --time and --no_msgs together: whether every test ends. qperf ends a socket test
 * only when its timer fires, and an RDMA test also after --no_msgs messages when that is above 0;
 * conf ends by itself. Without --time qperf runs a test for 2 seconds, unless --no_msgs is given
 * at all: then it sets no time.
 */
final class TestEnd {

  private static final long MAX_TIMER_SECONDS = Integer.MAX_VALUE;

  private TestEnd() {}

  static void check(QperfSpec spec, Settings settings, List<String> errors) {
    Assignment time = settings.atTests(Setting.TIME);
    Assignment count = settings.atTests(Setting.NO_MSGS);
    for (String name : spec.testsOrEmpty()) {
      QperfTest test = name == null ? null : QperfTest.byName(name).orElse(null);
      String problem = test == null || test.kind() == QperfTest.Kind.MISC ? null : neverEnds(test, time, count);
      if (problem != null) {
        errors.add(FIELD + problem);
        return; // qperf never gets to the tests after it
      }
    }
  }

  private static String neverEnds(QperfTest test, Assignment time, Assignment count) {
    boolean rdma = test.kind() == QperfTest.Kind.RDMA;
    if (rdma && count != null && count.values().stream().allMatch(v -> QperfValues.stored(v) > 0)) {
      return null;
    }
    if (time == null) {
      if (count == null) {
        return null;
      }
      return count.quoted() + " without --time drops qperf's default --time of 2 seconds"
          + (rdma ? " and counts 0 messages" + count.inRun() + ", so " + test + " would never end; add --time"
              : ", and " + test + " ignores --no_msgs (only RDMA tests count messages), so " + test
                  + " would never end; add --time");
    }
    for (long seconds : time.values()) {
      String why = noTimer(seconds);
      if (why != null) {
        return time.quoted() + " gives qperf a --time of " + why + time.inRun() + ", so " + test
            + " would never end: " + (rdma ? "it counts no messages (--no_msgs) either" : "qperf ends it only by time")
            + "; use --time 1 or more";
      }
    }
    return null;
  }

  /** What --time qperf makes of these seconds when its timer never fires, else null. */
  private static String noTimer(long seconds) {
    long stored = QperfValues.stored(seconds);
    if (seconds == 0) {
      return "0 (it counts whole seconds)";
    } else if (seconds == Long.MIN_VALUE) {
      return "0 (the number is out of its range)";
    } else if (stored == 0) {
      return "0 (it keeps the time in 32 bits)";
    } else if (stored > MAX_TIMER_SECONDS) {
      return "more than " + MAX_TIMER_SECONDS + " seconds, which its timer refuses";
    }
    return null;
  }
}

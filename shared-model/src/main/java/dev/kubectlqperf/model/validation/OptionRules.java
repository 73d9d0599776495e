package dev.kubectlqperf.model.validation;

import static dev.kubectlqperf.model.validation.VariableRules.FIELD;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.qperf.OptionSplitter;
import dev.kubectlqperf.model.qperf.QperfLoop;
import dev.kubectlqperf.model.qperf.QperfOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules for {@code spec.options}: read left to right as qperf reads its arguments, each value
 * read as qperf reads it, then the rules of each variable applied to what it ends up with.
 */
final class OptionRules {

  /**
   * How many runs of a loop are checked. Its values only grow, so a later one is reached only
   * after this many runs of every test, which no run's timeout allows.
   */
  static final int CHECKED_RUNS = 100_000;
  private static final String REFUSED = "is refused by qperf: ";

  private OptionRules() {}

  static void validate(QperfSpec spec, List<String> errors) {
    Settings settings = read(OptionSplitter.split(spec.options()), errors);
    VariableRules.checkDataPort(spec, settings, errors);
    TestEnd.check(spec, settings, errors);
  }

  private static Settings read(List<String> words, List<String> errors) {
    Settings settings = new Settings();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("-")) {
        errors.add(FIELD + "'" + word + "' is not an option: tests go in spec.tests, and the server address is set by the run");
        continue;
      }
      var found = QperfOption.find(word);
      if (found.isEmpty()) {
        errors.add(FIELD + "unknown qperf option '" + word + "' (see: qperf --help options)");
        continue;
      }
      QperfOption option = found.get();
      String forbidden = VariableRules.forbidden(option.setting());
      if (forbidden != null) {
        errors.add(FIELD + "'" + word + "' " + forbidden);
      }
      if (option.argType() == QperfOption.ArgType.HELP) {
        if (i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
          i++; // its topic
        }
      } else if (option.takesArgument()) {
        if (i + 1 >= words.size()) {
          errors.add(FIELD + "missing argument to " + word);
          break;
        }
        String value = words.get(++i);
        if (option.argType() == QperfOption.ArgType.LOOP) {
          readLoop(word, value, settings, errors);
        } else {
          readValue(option, word, value, settings, errors);
        }
      }
    }
    return settings;
  }

  private static void readValue(QperfOption option, String word, String value, Settings settings, List<String> errors) {
    try {
      settings.add(new Assignment(word + " " + value, option, List.of(option.read(word, value)), false));
    } catch (IllegalArgumentException e) {
      errors.add(FIELD + "'" + word + " " + value + "' " + REFUSED + e.getMessage());
    }
  }

  private static void readLoop(String word, String value, Settings settings, List<String> errors) {
    QperfLoop loop;
    try {
      loop = QperfLoop.parse(word, value);
    } catch (IllegalArgumentException e) {
      errors.add(FIELD + "'" + word + " " + value + "' " + REFUSED + e.getMessage());
      return;
    }
    String quoted = "'" + word + " " + value + "'";
    String forbidden = VariableRules.forbiddenInLoop(loop);
    if (forbidden != null) {
      errors.add(FIELD + quoted + " " + forbidden);
      return;
    }
    QperfLoop.Runs runs = loop.runs(CHECKED_RUNS);
    if (runs.values().isEmpty()) {
      errors.add(FIELD + quoted + " runs no test: it starts at " + loop.init() + ", above its limit " + loop.last()
          + ", and qperf then exits 0 without results");
      return;
    }
    if (runs.endless()) {
      errors.add(FIELD + quoted + " never ends: " + loop.variable() + " stays at " + runs.values().getLast() + " ("
          + whyItStays(loop, runs.values().getLast()) + "), so qperf runs the tests again for ever");
    }
    List<Long> values = new ArrayList<>();
    for (long run : runs.values()) {
      try {
        // qperf sets the variable as if its option were given the run's value
        values.add(loop.option().read(loop.option().name(), Long.toString(run)));
      } catch (IllegalArgumentException e) {
        errors.add(FIELD + quoted + " is refused by qperf in one of its runs: " + e.getMessage());
        return;
      }
    }
    settings.add(new Assignment(word + " " + value, loop.option(), values, true));
  }

  private static String whyItStays(QperfLoop loop, long value) {
    if (!loop.multiply()) {
      return "an empty increment adds 0";
    }
    return value + " times " + loop.increment() + " is " + value + (value == 0 || loop.increment() == 1 ? "" : " in 64 bits");
  }
}

package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.qperf.OptionSplitter;
import dev.kubectlqperf.model.qperf.QperfOption;
import dev.kubectlqperf.model.qperf.QperfOption.Setting;
import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.qperf.QperfValues;
import java.util.List;

/** The rules for {@code spec.options}, read left to right like qperf reads its arguments. */
final class OptionRules {

  private static final String FIELD = "spec.options: ";

  private OptionRules() {}

  static void validate(QperfSpec spec, List<String> errors) {
    List<String> words = OptionSplitter.split(spec.options());
    boolean socketTests = spec.testsOrEmpty().stream()
        .anyMatch(t -> QperfTest.byName(t).map(q -> q.kind() == QperfTest.Kind.SOCKET).orElse(false));
    boolean noMsgs = false;
    Long zeroTimeAt = null;
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
      String forbidden = forbiddenReason(option.setting());
      if (forbidden != null) {
        errors.add(FIELD + "'" + word + "' " + forbidden);
      }
      if (option.argType() == QperfOption.ArgType.HELP || !option.takesArgument()) {
        if (option.argType() == QperfOption.ArgType.HELP && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
          i++;
        }
        continue;
      }
      if (i + 1 >= words.size()) {
        errors.add(FIELD + "missing argument to " + word);
        break;
      }
      String value = words.get(++i);
      String problem = valueProblem(option, word, value);
      if (problem != null) {
        errors.add(FIELD + problem);
        continue;
      }
      switch (option.setting()) {
        case NO_MSGS -> noMsgs = true;
        case TIME -> zeroTimeAt = QperfValues.parseTime(value, word) == 0 ? Long.valueOf(i) : zeroTimeAt;
        case IP_PORT -> checkDataPort(spec, word, value, errors);
        default -> { }
      }
    }
    if (noMsgs && socketTests) {
      errors.add(FIELD + "--no_msgs (-n) makes socket tests such as tcp_bw run forever (qperf honours it only for "
          + "RDMA tests); use --time");
    } else if (zeroTimeAt != null && !noMsgs) {
      errors.add(FIELD + "--time below 1 second is 0 for qperf (it truncates), which never ends a test; use at least 1");
    }
  }

  private static String forbiddenReason(Setting setting) {
    return switch (setting) {
      case HOST -> "would change the server address; the run points the client at its own server";
      case LISTEN_PORT -> "would change the control port, which is fixed at 19765 on server and client";
      case HELP, VERSION -> "makes qperf print text and exit without running a test";
      default -> null;
    };
  }

  private static String valueProblem(QperfOption option, String word, String value) {
    try {
      switch (option.argType()) {
        case INT -> QperfValues.parseInt(value, word);
        case SIZE -> QperfValues.parseSize(value, word);
        case TIME -> QperfValues.parseTime(value, word);
        case SERVICE_LEVEL -> {
          long level = QperfValues.parseInt(value, word);
          if (level > 15) {
            return "service level must be between 0 and 15: " + level + " given";
          }
        }
        case LOOP -> {
          return LoopSpec.problem(word, value);
        }
        default -> { }
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static void checkDataPort(QperfSpec spec, String word, String value, List<String> errors) {
    if (spec.effectiveServiceType() == ServiceType.ClusterIP
        && QperfValues.parseInt(value, word) != spec.effectiveDataPort()) {
      errors.add(FIELD + "'" + word + " " + value + "' conflicts with the ClusterIP data port "
          + spec.effectiveDataPort() + "; set spec.dataPort instead");
    }
  }
}

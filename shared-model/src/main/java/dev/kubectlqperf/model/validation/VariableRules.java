package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.qperf.QperfLoop;
import dev.kubectlqperf.model.qperf.QperfOption.Setting;
import dev.kubectlqperf.model.qperf.QperfValues;
import java.util.List;

/**
 * The rules per qperf variable. They hold for the variable, however spec.options set it: by its
 * option (under any spelling) or by a {@code -oo} loop over it.
 */
final class VariableRules {

  static final String FIELD = "spec.options: ";

  private VariableRules() {}

  /** Why spec.options may not set this variable at all, or null when they may. */
  static String forbidden(Setting setting) {
    return switch (setting) {
      case HOST -> "would change the server address; the run points the client at its own server";
      case LISTEN_PORT -> "would change the control port, which is fixed at 19765 on server and client";
      case HELP, VERSION -> "makes qperf print text and exit without running a test";
      default -> null;
    };
  }

  /** Why a loop may not run over its variable, or null when it may. */
  static String forbiddenInLoop(QperfLoop loop) {
    if (loop.option().setting() == Setting.LOOP) {
      // qperf reads the loop's first value as the variable of a new loop
      return "loops over " + loop.option().name() + ", which qperf refuses: " + loop.option().name() + ": "
          + loop.init() + ": no such variable";
    }
    return forbidden(loop.option().setting());
  }

  /**
   * With a ClusterIP Service only spec.dataPort reaches the server, so the data port qperf ends up
   * with must be that one (the client tells the server which port to listen on).
   */
  static void checkDataPort(QperfSpec spec, Settings settings, List<String> errors) {
    Assignment port = settings.atTests(Setting.IP_PORT);
    if (spec.effectiveServiceType() != ServiceType.ClusterIP || port == null) {
      return;
    }
    for (long value : port.values()) {
      if (QperfValues.stored(value) != spec.effectiveDataPort()) {
        errors.add(FIELD + port.quoted() + " conflicts with the ClusterIP data port " + spec.effectiveDataPort()
            + (port.loop() ? " (it sets --ip_port " + value + ")" : "") + "; set spec.dataPort instead");
        return;
      }
    }
  }
}

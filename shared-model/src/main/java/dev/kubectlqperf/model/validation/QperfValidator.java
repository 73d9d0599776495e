package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.ImageSpec;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.qperf.QperfTest;
import dev.kubectlqperf.model.verdict.Threshold;
import dev.kubectlqperf.model.verdict.ThresholdParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides, before anything is created, whether a run can work: qperf would reject it, hang, or
 * talk to something other than the server this run creates. Everything else qperf accepts passes
 * through unchanged.
 */
public final class QperfValidator {

  public static final Set<String> KNOWN_SINKS = Set.of("influxdb", "slack", "file");
  private static final Set<String> PULL_POLICIES = Set.of("Always", "Never", "IfNotPresent");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final int MAX_REPETITIONS = 1000;

  private QperfValidator() {}

  public static ValidationResult validate(Qperf qperf) {
    List<String> errors = new ArrayList<>();
    String name = qperf.getMetadata() == null ? null : qperf.getMetadata().getName();
    if (name == null || !DNS_1035_LABEL.matcher(name).matches()) {
      errors.add("metadata.name: '" + name + "' must be a DNS-1035 label (lower-case letters, digits and '-', "
          + "starting with a letter, at most 63 characters): it names the server Service");
    }
    QperfSpec spec = qperf.getSpec();
    if (spec == null) {
      errors.add("spec: required, with at least spec.tests");
      return new ValidationResult(errors);
    }
    validateTests(spec, errors);
    OptionRules.validate(spec, errors);
    validateAdditions(spec, errors);
    return new ValidationResult(errors);
  }

  private static void validateTests(QperfSpec spec, List<String> errors) {
    List<String> tests = spec.testsOrEmpty();
    if (tests.isEmpty()) {
      errors.add("spec.tests: at least one test is required, e.g. [tcp_bw, tcp_lat]");
    }
    for (int i = 0; i < tests.size(); i++) {
      String test = tests.get(i);
      String field = "spec.tests[" + i + "]";
      if (test == null || QperfTest.byName(test).isEmpty()) {
        errors.add(field + ": unknown qperf test '" + test + "' (known: tcp_bw, tcp_lat, udp_bw, udp_lat, "
            + "sctp_*, sdp_*, rds_*, conf, and the RDMA tests rc_*, uc_*, ud_*, xrc_*, ver_rc_*)");
      } else if (QperfTest.byName(test).get() == QperfTest.quit) {
        errors.add(field + ": 'quit' stops the qperf server instead of measuring anything");
      }
    }
  }

  /** Streams: 1 to {@link QperfDefaults#MAX_PARALLEL}; their pinned data ports clear of every control port. */
  private static void validateParallel(QperfSpec spec, List<String> errors) {
    Integer parallel = spec.parallel();
    if (parallel != null && (parallel < 1 || parallel > QperfDefaults.MAX_PARALLEL)) {
      errors.add("spec.parallel: must be between 1 and " + QperfDefaults.MAX_PARALLEL + " streams, got " + parallel);
      return;
    }
    int streams = spec.effectiveParallel();
    if (streams == 1 || spec.effectiveServiceType() != ServiceType.ClusterIP) {
      return;
    }
    Set<Integer> control = new java.util.HashSet<>();
    for (int i = 1; i <= streams; i++) {
      control.add(QperfResources.controlPort(i));
    }
    for (int i = 1; i <= streams; i++) {
      int data = QperfResources.dataPort(spec, i);
      if (data > 65535 || control.contains(data)) {
        errors.add("spec.dataPort: stream " + i + " of " + streams + " would pin data port " + data + ", which "
            + (data > 65535 ? "is above 65535" : "is a control port (streams listen on 19765, 19767, …)")
            + "; data ports are spec.dataPort, +2 per stream: pick an even port such as "
            + QperfDefaults.DATA_PORT);
        return;
      }
    }
  }

  private static void validateThresholds(QperfSpec spec, List<String> errors) {
    List<String> rules = spec.thresholds() == null ? List.of() : spec.thresholds();
    for (int i = 0; i < rules.size(); i++) {
      String field = "spec.thresholds[" + i + "]";
      try {
        Threshold rule = ThresholdParser.parse(rules.get(i));
        if (rule.test() != null && !spec.testsOrEmpty().contains(rule.test())) {
          errors.add(field + ": '" + rule.text() + "' judges " + rule.test() + ", which is not in spec.tests "
              + spec.testsOrEmpty());
        }
      } catch (IllegalArgumentException e) {
        errors.add(field + ": " + e.getMessage());
      }
    }
  }

  private static void validateAdditions(QperfSpec spec, List<String> errors) {
    if (spec.timeoutSeconds() != null && spec.timeoutSeconds() < 1) {
      errors.add("spec.timeoutSeconds: must be at least 1, got " + spec.timeoutSeconds());
    }
    if (spec.repetitions() != null && (spec.repetitions() < 1 || spec.repetitions() > MAX_REPETITIONS)) {
      errors.add("spec.repetitions: must be between 1 and " + MAX_REPETITIONS + ", got " + spec.repetitions());
    }
    if (spec.dataPort() != null) {
      int port = spec.dataPort();
      if (port < 1 || port > 65535 || port == QperfDefaults.CONTROL_PORT) {
        errors.add("spec.dataPort: must be a port from 1 to 65535 other than the control port "
            + QperfDefaults.CONTROL_PORT + ", got " + port);
      } else if (spec.effectiveServiceType() == ServiceType.Headless) {
        errors.add("spec.dataPort: only used with serviceType ClusterIP (a headless Service reaches any port)");
      }
    }
    validateParallel(spec, errors);
    if (spec.sinks() != null) {
      for (String sink : spec.sinks()) {
        if (!KNOWN_SINKS.contains(sink)) {
          errors.add("spec.sinks: unknown sink '" + sink + "' (known: file, influxdb, slack)");
        }
      }
    }
    validateThresholds(spec, errors);
    ImageSpec image = spec.image();
    if (image != null && image.pullPolicy() != null && !image.pullPolicy().isEmpty()
        && !PULL_POLICIES.contains(image.pullPolicy())) {
      errors.add("spec.image.pullPolicy: must be Always, Never or IfNotPresent, got '" + image.pullPolicy() + "'");
    }
  }
}

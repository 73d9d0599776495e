package dev.kubectlqperf.model.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One set of rules per qperf variable, whether an option or a {@code -oo} loop sets it, read in
 * qperf's order (a later option overrides an earlier one; a loop sets its variable before every
 * run). Each row is also run against the real qperf in {@link ValidatorAgainstQperfIT}, except
 * the RDMA ones (no RDMA device here: they follow qperf's source).
 */
class OptionVariablesTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // -oo over a variable whose option is refused is refused for the same reason
      "-oo host:1:1|tcp_lat|'-oo host:1:1' would change the server address",
      "-oo H:1:1|tcp_lat|'-oo H:1:1' would change the server address",
      "-oo listen_port:20000:20000|tcp_lat|'-oo listen_port:20000:20000' would change the control port",
      "-oo lp:20000:20000|tcp_lat|'-oo lp:20000:20000' would change the control port",
      "-oo version:1:1|tcp_lat|'-oo version:1:1' makes qperf print text and exit without running a test",
      "-oo help:1:1|tcp_lat|'-oo help:1:1' makes qperf print text and exit without running a test",
      "-oo loop:1:1|tcp_lat|'-oo loop:1:1' loops over --loop, which qperf refuses: --loop: 1: no such variable",
      "-oo sl:14:16:1|tcp_lat|'-oo sl:14:16:1' is refused by qperf in one of its runs: service level must be between 0 and 15: 16 given",
      "-oo time:0:2:1|tcp_lat|'-oo time:0:2:1' gives qperf a --time of 0 (it counts whole seconds) in one of its runs",
      "-oo t:0:2:1 -t 5|tcp_lat|so tcp_lat would never end",
      "-oo no_msgs:1:1|tcp_lat|'-oo no_msgs:1:1' without --time drops qperf's default --time of 2 seconds",
      "-oo n:1:5|tcp_bw|tcp_bw ignores --no_msgs (only RDMA tests count messages), so tcp_bw would never end",
      // loops that never end, or never run
      "-oo msg_size:1:8:*1|tcp_lat|'-oo msg_size:1:8:*1' never ends: msg_size stays at 1 (1 times 1 is 1)",
      "-oo msg_size:0:8:*2|tcp_lat|'-oo msg_size:0:8:*2' never ends: msg_size stays at 0 (0 times 2 is 0)",
      "-oo msg_size:1:8:|tcp_lat|'-oo msg_size:1:8:' never ends: msg_size stays at 1 (an empty increment adds 0)",
      "-oo msg_size:10:1|tcp_lat|'-oo msg_size:10:1' runs no test: it starts at 10, above its limit 1",
      // times qperf's timer never fires for
      "-t 4294967296|tcp_lat|'-t 4294967296' gives qperf a --time of 0 (it keeps the time in 32 bits)",
      "-t 2147483648|tcp_lat|'-t 2147483648' gives qperf a --time of more than 2147483647 seconds",
      "-t 1e19|tcp_lat|'-t 1e19' gives qperf a --time of 0 (the number is out of its range)",
      "-t inf|tcp_lat|'-t inf' gives qperf a --time of 0 (the number is out of its range)",
      "-t nan|tcp_lat|'-t nan' gives qperf a --time of 0 (the number is out of its range)",
      // RDMA tests end by count only with a count above 0
      "-n 0|rc_bw|'-n 0' without --time drops qperf's default --time of 2 seconds and counts 0 messages",
      "-oo no_msgs:0:10:5|rc_bw|so rc_bw would never end",
      "-t 0|rc_lat|'-t 0' gives qperf a --time of 0 (it counts whole seconds), so rc_lat would never end"})
  void rejectedWithTheOptionAndTheReason(String options, String tests, String reason) {
    ValidationResult result = validate(options, tests, ServiceType.Headless);
    assertTrue(!result.isValid() && result.message().contains(reason),
        () -> "expected a rejection containing \"" + reason + "\", got: " + result.errors());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "-n 100 -t 1|tcp_lat", "-t 1 -n 100|tcp_lat", "-t 0 -t 1|tcp_lat", "-t 0.5 --time 2|tcp_bw",
      "-oo no_msgs:1:1 -t 1|tcp_lat", "-oo time:1:1 -t 0|tcp_lat", "-t 0|conf", "-n 5|conf",
      "-oo msg_size:1 -t 1|tcp_lat", "-oo ::8 -t 1|tcp_lat", "-m 0x10 -t 1|tcp_lat", "-t 0x2|tcp_lat",
      "-m k -t 1|tcp_lat", "-t 4294967297|tcp_lat", "-oo msg_size:1:4K:*8 -t 1|tcp_lat",
      "-n 0 -t 1|rc_bw", "-oo no_msgs:5:10:5|rc_bw", "-n 10 -t 0|rc_bw"})
  void acceptedBecauseQperfRunsThem(String options, String tests) {
    ValidationResult result = validate(options, tests, ServiceType.Headless);
    assertTrue(result.isValid(), () -> "'" + options + "' should pass: " + result.errors());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-oo ip_port:5000:5000|'-oo ip_port:5000:5000' conflicts with the ClusterIP data port 19766",
      "-oo ip:19766:19767:1|'-oo ip:19766:19767:1' conflicts with the ClusterIP data port 19766 (it sets --ip_port 19767)",
      "-ip 19766 -ip 5000|'-ip 5000' conflicts with the ClusterIP data port 19766",
      "-ip 0|'-ip 0' conflicts with the ClusterIP data port 19766"})
  void clusterIpDataPortHoldsForOptionAndLoop(String options, String reason) {
    ValidationResult result = validate(options, "tcp_lat", ServiceType.ClusterIP);
    assertTrue(!result.isValid() && result.message().contains(reason),
        () -> "expected a rejection containing \"" + reason + "\", got: " + result.errors());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"-ip 5000 -ip 19766", "-oo ip_port:19766:19766", "-ip 5000 -oo ip:19766:19766",
      "-oo ip:19766:19767"}) // no increment: qperf reads the limit again as the increment, so one run
  void clusterIpDataPortUsesTheValueQperfEndsWith(String options) {
    ValidationResult result = validate(options, "tcp_lat", ServiceType.ClusterIP);
    assertTrue(result.isValid(), () -> "'" + options + "' should pass: " + result.errors());
  }

  static ValidationResult validate(String options, String tests, ServiceType serviceType) {
    return QperfValidator.validate(Fixtures.created("q1", spec(options, tests, serviceType)));
  }

  static QperfSpec spec(String options, String tests, ServiceType serviceType) {
    return new QperfSpec(null, options, List.of(tests.split(" ")), null, null, null, serviceType, null, null, null);
  }
}

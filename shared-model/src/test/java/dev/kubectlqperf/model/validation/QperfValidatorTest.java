package dev.kubectlqperf.model.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.ImageSpec;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QperfValidatorTest {

  private static ValidationResult options(String options, String... tests) {
    return QperfValidator.validate(Fixtures.minimal(options, tests.length == 0 ? new String[] {"tcp_bw"} : tests));
  }

  private static void assertRejected(ValidationResult result, String expectedFragment) {
    assertTrue(!result.isValid() && result.message().contains(expectedFragment),
        () -> "expected a rejection containing '" + expectedFragment + "', got: " + result.errors());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "-v", "--verbose --time 10", "-vv -uu -ub -un -e 5", "-t 2m", "-t 1.5", "-m 64K", "-m 1kb", "-m 1e3",
      "-oo msg_size:1:64K:*2 -vu", "-oo 'msg_size:1:4K:*2' -oo time:1:2:1", "--loop m::8:2", "-ca 1 -rca 0",
      "-lsb 1M -rsb 2M", "-ws 10", "--wait_server 1h", "-to 5", "-ar1 -f1", "-D", "-a 1", "-T 3", "-W 10",
      "-ip 5000", "-sl 15", "--static_rate 40g", "\t-v\t-t\t3"})
  void optionsQperfAcceptsPassUnchanged(String options) {
    ValidationResult result = options(options);
    assertTrue(result.isValid(), () -> "'" + options + "' should pass: " + result.errors());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus|unknown qperf option '--bogus'",
      "-H otherhost|would change the server address",
      "--host 10.0.0.1|would change the server address",
      "-lp 20000|would change the control port",
      "--listen_port 20000|would change the control port",
      "--help|print text and exit",
      "-V|print text and exit",
      "otherhost|'otherhost' is not an option",
      "tcp_lat|'tcp_lat' is not an option",
      "-t|missing argument to -t",
      "-t 10x|bad argument: 10x",
      "-t -3|-t requires a non-negative number",
      "-m 10q|-m: bad size: 10q",
      "-m 1KB|-m: bad size: 1KB",
      "-ca any|bad argument: any",
      "-sl 16|service level must be between 0 and 15",
      "-oo nosuch:1:8:2|no such variable",
      "-oo msg_size:1:|-oo: must specify limit",
      "-oo msg_size:1:8:0|increment must be positive",
      "-t 0|'-t 0' gives qperf a --time of 0 (it counts whole seconds), so tcp_bw would never end",
      "-t 0.5|'-t 0.5' gives qperf a --time of 0 (it counts whole seconds), so tcp_bw would never end",
      "-n 1000|'-n 1000' without --time drops qperf's default --time of 2 seconds, and tcp_bw ignores --no_msgs"})
  void optionsThatCannotWorkAreRejected(String options, String reason) {
    assertRejected(options(options), reason);
  }

  @Test
  void noMsgsIsFineForRdmaTestsOnly() {
    assertTrue(options("-n 1000", "rc_bw").isValid());
    assertTrue(options("-n 1000 -t 0", "rc_lat").isValid(), "with -n an RDMA test ends by count");
    assertRejected(options("-n 1000", "rc_bw", "tcp_lat"), "tcp_lat ignores --no_msgs");
  }

  @Test
  void testsAreRequiredAndMustBeKnown() {
    assertRejected(QperfValidator.validate(Fixtures.minimal("-v")), "at least one test is required");
    Qperf nullTests = Fixtures.created("q1", QperfSpec.of(null, null));
    assertRejected(QperfValidator.validate(nullTests), "at least one test is required");
    assertRejected(options("", "tcp_bw", "tcp_foo"), "spec.tests[1]: unknown qperf test 'tcp_foo'");
    assertRejected(options("", "quit"), "'quit' stops the qperf server");
  }

  @Test
  void everyQperfTestIsAccepted() {
    for (String test : List.of("conf", "tcp_bw", "tcp_lat", "udp_bw", "udp_lat", "sctp_bw", "sdp_lat", "rds_bw",
        "rc_bw", "rc_rdma_write_poll_lat", "ud_bi_bw", "ver_rc_fetch_add", "xrc_lat", "rc_compare_swap_mr")) {
      assertTrue(options("", test).isValid(), test);
    }
  }

  @Test
  void missingSpecAndBadNamesAreRejected() {
    Qperf noSpec = Fixtures.minimal("", "tcp_bw");
    noSpec.setSpec(null);
    assertRejected(QperfValidator.validate(noSpec), "spec: required");
    Qperf badName = Fixtures.minimal("", "tcp_bw");
    badName.getMetadata().setName("9-Bad.Name");
    assertRejected(QperfValidator.validate(badName), "must be a DNS-1035 label");
  }

  @Test
  void additionsAreChecked() {
    assertRejected(spec(new QperfSpec(null, null, List.of("tcp_bw"), null, null, 0L, null, null, null, null)),
        "spec.timeoutSeconds");
    assertRejected(spec(new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, null, 0, null)),
        "spec.repetitions");
    assertRejected(spec(new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, ServiceType.ClusterIP, 19765,
        null, null)), "spec.dataPort");
    assertRejected(spec(new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, 20000, null, null)),
        "only used with serviceType ClusterIP");
    assertRejected(spec(new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, null, null, null,
        List.of("influxdb", "kafka"))), "unknown sink 'kafka'");
    assertRejected(spec(new QperfSpec(new ImageSpec("x", "Sometimes", null), null, List.of("tcp_bw"), null, null,
        null, null, null, null, null)), "spec.image.pullPolicy");
  }

  @Test
  void parallelIsOneToSixteenStreamsWithDataPortsClearOfTheControlPorts() {
    assertRejected(spec(parallel(0, null, null)), "spec.parallel: must be between 1 and 16 streams, got 0");
    assertRejected(spec(parallel(17, null, null)), "spec.parallel: must be between 1 and 16 streams, got 17");
    assertTrue(spec(parallel(16, null, null)).isValid());
    assertTrue(spec(parallel(4, ServiceType.ClusterIP, null)).isValid(), "19766, 19768, … sit between 19765, 19767, …");
    assertTrue(spec(parallel(4, ServiceType.ClusterIP, 30000)).isValid());
    assertRejected(spec(parallel(3, ServiceType.ClusterIP, 19763)), "stream 2 of 3 would pin data port 19765");
    assertRejected(spec(parallel(2, ServiceType.ClusterIP, 65534)), "stream 2 of 2 would pin data port 65536");
  }

  private static QperfSpec parallel(int streams, ServiceType type, Integer dataPort) {
    return new QperfSpec(null, null, List.of("tcp_bw"), null, null, null, type, dataPort, null, null, null, streams);
  }

  @Test
  void thresholdsAreReadAtValidationAndBadOnesNamed() {
    QperfSpec good = withThresholds(List.of("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p99 at most 50 us",
        "cv at most 10 %"));
    assertTrue(spec(good).isValid(), () -> spec(good).message());
    assertRejected(spec(withThresholds(List.of("tcp_bw bw at least 1 GB/sec", "tcp_lat latency at most 1 GB/sec"))),
        "spec.thresholds[1]: 'tcp_lat latency at most 1 GB/sec': latency is measured in ns, us, ms or sec");
    assertRejected(spec(withThresholds(List.of("udp_bw send_bw at least 1 GB/sec"))),
        "spec.thresholds[0]: 'udp_bw send_bw at least 1 GB/sec' judges udp_bw, which is not in spec.tests "
            + "[tcp_bw, tcp_lat]");
    assertRejected(spec(withThresholds(List.of("fast"))), "spec.thresholds[0]: 'fast' has no comparison");
  }

  private static QperfSpec withThresholds(List<String> rules) {
    return new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null, null, null, 5, null, rules);
  }

  @Test
  void ipPortMustAgreeWithTheClusterIpDataPort() {
    QperfSpec clusterIp = new QperfSpec(null, "-ip 5000", List.of("tcp_bw"), null, null, null, ServiceType.ClusterIP,
        null, null, null);
    assertRejected(spec(clusterIp), "conflicts with the ClusterIP data port 19766");
    QperfSpec agreeing = new QperfSpec(null, "--port 19766", List.of("tcp_bw"), null, null, null,
        ServiceType.ClusterIP, null, null, null);
    assertTrue(spec(agreeing).isValid(), () -> spec(agreeing).message());
  }

  @Test
  void allReasonsAreReportedTogether() {
    ValidationResult result = options("--bogus -H x", "nope");
    assertEquals(3, result.errors().size(), result::message);
  }

  private static ValidationResult spec(QperfSpec spec) {
    return QperfValidator.validate(Fixtures.created("q1", spec));
  }
}

package dev.kubectlqperf.model.validation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.qperf.QperfLoop;
import dev.kubectlqperf.model.qperf.QperfValues;
import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The validator's option rules against the real qperf, run as the pipeline runs it (the client
 * Pod's arguments, the server's address put in): what the validator refuses misbehaves in qperf
 * (never ends, runs no test, talks to another address or port, or is refused by qperf), and what it
 * accepts runs to the end with results. Every run is alone in a network namespace
 * ({@link IsolatedQperf}), and killed at the end of its test.
 */
class ValidatorAgainstQperfIT {

  /** Each run here that ends does so within 2 seconds (qperf's default --time), start-up included. */
  private static final Duration NEVER_ENDS = Duration.ofSeconds(5);
  private static final Duration ENDS = Duration.ofSeconds(60);

  @BeforeAll
  static void requireIsolation() throws Exception {
    IsolatedQperf.require();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {"-t 4294967296|tcp_lat", "-t 2147483648|tcp_lat", "-t inf|tcp_lat",
      "-oo time:0:2:1|tcp_lat", "-oo no_msgs:1:1|tcp_lat"})
  void refusedBecauseTheTestNeverEnds(String options, String test) throws Exception {
    assertRefused(options, test, ServiceType.Headless, "so " + test + " would never end");
    try (IsolatedQperf run = IsolatedQperf.start(clientArgs(options, test, ServiceType.Headless))) {
      assertFalse(run.endsWithin(NEVER_ENDS), () -> "qperf ended: " + run.output());
      assertEquals(1, runs(run.output(), test), () -> "the test should have started: " + run.output());
      assertTrue(QperfOutputParser.parse(run.output(), null).tests().getFirst().metrics().isEmpty(), run::output);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"-oo msg_size:8:8:*1 -t 1", "-oo msg_size:0:8:*2 -t 1", "-oo msg_size:8:8: -t 1"})
  void refusedBecauseTheLoopNeverEnds(String options) throws Exception {
    assertRefused(options, "tcp_lat", ServiceType.Headless, "never ends");
    try (IsolatedQperf run = IsolatedQperf.start(clientArgs(options, "tcp_lat", ServiceType.Headless))) {
      // msg_size never leaves its first value: qperf runs the test again and again
      await("a third run of the test").atMost(ENDS).pollInterval(Duration.ofMillis(100))
          .until(() -> runs(run.output(), "tcp_lat") >= 3 || !run.running());
      assertTrue(run.running(), () -> "qperf ended: " + run.output());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"-oo version:1:1|print text and exit without running a test",
      "-oo msg_size:10:1|runs no test"})
  void refusedBecauseQperfSucceedsWithoutResults(String options, String reason) throws Exception {
    assertRefused(options, "tcp_lat", ServiceType.Headless, reason);
    try (IsolatedQperf run = IsolatedQperf.start(clientArgs(options, "tcp_lat", ServiceType.Headless))) {
      assertTrue(run.endsWithin(ENDS), run::output);
      assertEquals(0, run.exitCode(), run::output);
      assertEquals(List.of(), QperfOutputParser.parse(run.output(), 0).tests(), run::output);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-ws 1 -oo host:1:1|would change the server address|1: failed to connect",
      "-ws 1 -oo listen_port:20000:20000|would change the control port|127.0.0.1: failed to connect"})
  void refusedBecauseTheClientGoesElsewhere(String options, String reason, String qperfSays) throws Exception {
    assertRefused(options, "tcp_lat", ServiceType.Headless, reason);
    QperfResult result = runToTheEnd(options, "tcp_lat", ServiceType.Headless, 1).result();
    assertEquals(qperfSays, result.tests().getFirst().error(), result::toString);
  }

  @Test
  void refusedBecauseALoopMovesTheClusterIpDataPort() throws Exception {
    String options = "-oo ip_port:5000:5000 -vu -t 1";
    assertRefused(options, "tcp_lat", ServiceType.ClusterIP, "conflicts with the ClusterIP data port 19766");
    // the pipeline's own --ip_port 19766 comes first; the loop overrides it
    QperfResult result = runToTheEnd(options, "tcp_lat", ServiceType.ClusterIP, 0).result();
    assertEquals(0, BigDecimal.valueOf(5000).compareTo(value(result.tests().getFirst(), "port")), result::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-oo sl:14:16:1 -t 1|service level must be between 0 and 15: 16 given",
      "-oo loop:1:1|--loop: 1: no such variable",
      "-oo help:1:1|cannot find help category 1; try: qperf --help categories"})
  void refusedBecauseQperfRefusesALoopValue(String options, String qperfSays) throws Exception {
    ValidationResult verdict = OptionVariablesTest.validate(options, "tcp_lat", ServiceType.Headless);
    assertFalse(verdict.isValid(), options);
    String output = runToTheEnd(options, "tcp_lat", ServiceType.Headless, 1).output();
    assertTrue(output.contains(qperfSays + "\n"), output);
    if (!options.contains("help")) {
      assertTrue(verdict.message().contains(qperfSays), verdict::message);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {"-n 100 -t 1|tcp_lat", "-t 1 -n 100|tcp_lat", "-t 0 -t 1|tcp_lat",
      "-oo no_msgs:1:1 -t 1|tcp_lat", "-oo time:1:1 -t 0|tcp_lat", "-t 0|conf", "-n 5|conf",
      "-oo msg_size:1 -t 1|tcp_lat", "-m 0x10 -t 1|tcp_lat", "-t 4294967297|tcp_lat"})
  void acceptedAndQperfRunsToResults(String options, String test) throws Exception {
    ValidationResult verdict = OptionVariablesTest.validate(options, test, ServiceType.Headless);
    assertTrue(verdict.isValid(), verdict::message);
    QperfResult result = runToTheEnd(options, test, ServiceType.Headless, 0).result();
    assertTrue(result.ok(), result::toString);
    assertEquals(1, result.tests().size(), result::toString);
    assertFalse(result.tests().getFirst().metrics().isEmpty(), result::toString);
  }

  @Test
  void acceptedWhenALaterIpPortIsTheClusterIpDataPort() throws Exception {
    String options = "-ip 5000 -ip 19766 -vu -t 1";
    ValidationResult verdict = OptionVariablesTest.validate(options, "tcp_lat", ServiceType.ClusterIP);
    assertTrue(verdict.isValid(), verdict::message);
    QperfResult result = runToTheEnd(options, "tcp_lat", ServiceType.ClusterIP, 0).result();
    assertEquals(0, BigDecimal.valueOf(19766).compareTo(value(result.tests().getFirst(), "port")), result::toString);
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({"-m,0x10,msg_size", "-m,1.5K,msg_size", "-m,1e3,msg_size", "-t,0.02m,time", "-t,0x2,time",
      "-t,4294967297,time"})
  void valuesAreReadAsQperfReadsThem(String option, String text, String metric) throws Exception {
    long read = QperfValues.stored(option.equals("-m") ? QperfValues.parseSize(text, option)
        : QperfValues.parseTime(text, option));
    QperfResult result = runToTheEnd("-vu " + option + " " + text + (option.equals("-m") ? " -t 1" : ""), "tcp_lat",
        ServiceType.Headless, 0).result();
    BigDecimal printed = value(result.tests().getFirst(), metric);
    // qperf prints time in seconds and msg_size in bytes (rounded to 3 digits: 1536 shows as 1.54 KB)
    assertEquals(read, printed.longValue(), 0.01 * read, result::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"msg_size:1", "msg_size:2:8", ":1:64:*4", "msg_size:1:3:1:99", "::8"})
  void loopsRunAsQperfRunsThem(String loop) throws Exception {
    List<Long> values = QperfLoop.parse("-oo", loop).runs(100).values();
    QperfResult result = runToTheEnd("-oo " + loop + " -vu -t 1", "tcp_lat", ServiceType.Headless, 0).result();
    List<Long> ran = new ArrayList<>();
    for (TestResult test : result.tests()) {
      boolean printed = test.metrics().containsKey("msg_size") || test.loop() != null && test.loop().containsKey("msg_size");
      ran.add(printed ? value(test, "msg_size").longValue() : 0); // qperf does not print a value of 0
    }
    assertEquals(values, ran, result::toString);
  }

  private static void assertRefused(String options, String test, ServiceType type, String reason) {
    ValidationResult verdict = OptionVariablesTest.validate(options, test, type);
    assertTrue(!verdict.isValid() && verdict.message().contains(reason),
        () -> "expected a rejection containing \"" + reason + "\", got: " + verdict.errors());
  }

  private static Ended runToTheEnd(String options, String test, ServiceType type, int exitCode) throws Exception {
    try (IsolatedQperf run = IsolatedQperf.start(clientArgs(options, test, type))) {
      assertTrue(run.endsWithin(ENDS), () -> "qperf did not end: " + run.output());
      assertEquals(exitCode, run.exitCode(), run::output);
      return new Ended(run.output(), QperfOutputParser.parse(run.output(), run.exitCode()));
    }
  }

  private record Ended(String output, QperfResult result) {}

  /** The client Pod's arguments for this spec, aimed at the server in the namespace. */
  private static List<String> clientArgs(String options, String test, ServiceType type) {
    Qperf qperf = Fixtures.created("q1", OptionVariablesTest.spec(options, test, type));
    List<String> args = new ArrayList<>(QperfManifests.clientArgs(qperf));
    args.set(0, "127.0.0.1");
    return args;
  }

  private static int runs(String output, String test) {
    return (int) output.lines().filter(line -> line.equals(test + ":")).count();
  }

  /** A value qperf printed, whether the parser filed it as a metric or as a loop variable. */
  private static BigDecimal value(TestResult test, String name) {
    Metric metric = test.metrics().get(name);
    if (metric == null && test.loop() != null) {
      metric = test.loop().get(name);
    }
    assertTrue(metric != null, () -> name + " not printed: " + test);
    return metric.decimal();
  }
}

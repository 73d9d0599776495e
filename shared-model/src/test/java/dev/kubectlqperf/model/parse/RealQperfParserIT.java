package dev.kubectlqperf.model.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.testing.ClientRun;
import dev.kubectlqperf.model.testing.QperfServer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser against the real qperf on loopback, over a matrix of tests and output options. */
class RealQperfParserIT {

  private static QperfServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = QperfServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Stream<String> matrix() {
    return Stream.of(
        "tcp_bw", "tcp_lat", "udp_bw", "udp_lat", "conf", "tcp_bw tcp_lat udp_bw udp_lat",
        "-v tcp_bw tcp_lat", "-vv tcp_bw tcp_lat", "-vv udp_bw udp_lat", "-vs tcp_bw", "-vt tcp_lat", "-vu -m 1k tcp_bw",
        "-vvs tcp_lat", "-vvt tcp_bw", "-vvu udp_lat",
        "-uu -vv tcp_bw tcp_lat", "-ub tcp_bw udp_bw", "-ub -uu -v tcp_bw", "-un -vv tcp_bw", "-e 6 -v tcp_bw tcp_lat",
        "-e 1 -vv tcp_lat", "-m 64K -vu -vvs tcp_lat", "-sb 1M -vu tcp_bw");
  }

  @ParameterizedTest
  @MethodSource("matrix")
  void everyPrintedValueIsInTheDocument(String args) throws Exception {
    ClientRun run = server.runClient(("-t 1 " + args).split(" "));
    QperfResult r = QperfOutputParser.parse(run.output(), run.exitCode());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(r.ok(), () -> run.output() + "\n" + r);
    assertEquals(List.of(), r.unparsed(), run.output());
    ValueLines.assertAllParsed(run.output(), r);
    long tests = Stream.of(args.split(" ")).filter(a -> a.contains("_") || a.equals("conf")).count();
    assertEquals(tests, r.tests().size());
  }

  @Test
  void oneLoopVariable() throws Exception {
    ClientRun run = server.runClient("-t", "1", "-oo", "msg_size:1:4K:*8", "-vu", "tcp_lat");
    QperfResult r = QperfOutputParser.parse(run.output(), run.exitCode());
    ValueLines.assertAllParsed(run.output(), r);
    assertEquals(List.of("1", "8", "64", "512", "4096"),
        r.tests().stream().map(t -> t.loop().get("msg_size").decimal().toPlainString()).toList());
  }

  @Test
  void twoLoopVariables() throws Exception {
    ClientRun run = server.runClient("-t", "1", "-oo", "msg_size:1:32:*32", "-oo", "sock_buf_size:64K:128K:*2", "-vu",
        "tcp_lat");
    QperfResult r = QperfOutputParser.parse(run.output(), run.exitCode());
    ValueLines.assertAllParsed(run.output(), r);
    assertEquals(4, r.tests().size(), run.output());
    List<String> pairs = r.tests().stream()
        .map(t -> t.loop().get("msg_size").decimal().toPlainString() + "/"
            + t.loop().get("sock_buf_size").decimal().toPlainString())
        .toList();
    assertEquals(List.of("1/65536", "1/131072", "32/65536", "32/131072"), pairs);
  }

  @Test
  void unifiedUnitsAgreeWithScaledOnes() throws Exception {
    QperfResult scaled = parse("-t", "1", "-vv", "tcp_bw", "tcp_lat");
    QperfResult raw = parse("-t", "1", "-vv", "-uu", "tcp_bw", "tcp_lat");
    for (int i = 0; i < 2; i++) {
      Map<String, Metric> s = scaled.tests().get(i).metrics();
      Map<String, Metric> u = raw.tests().get(i).metrics();
      // qperf hides zero values of optional lines, so two runs may print different CPU lines.
      assertTrue(u.keySet().containsAll(List.of("msg_size", "time", "timeout")), u.keySet().toString());
      for (String name : List.of("msg_size", "time", "timeout")) {
        assertEquals(0, s.get(name).decimal().compareTo(u.get(name).decimal()), name + ": identical settings");
        assertEquals(s.get(name).unit(), u.get(name).unit());
      }
      // Measured values differ between two runs (a loaded machine swings latency several times),
      // but never by the factor of 1000 a unit mistake makes.
      for (String name : s.keySet()) {
        if (!u.containsKey(name)) {
          continue;
        }
        assertEquals(s.get(name).unit(), u.get(name).unit(), name);
        if (name.contains("cpu") || name.contains("cost")) {
          continue; // CPU shares depend on what else the machine does
        }
        BigDecimal ratio = s.get(name).decimal().divide(u.get(name).decimal(), MathContext.DECIMAL64);
        assertTrue(ratio.doubleValue() > 0.02 && ratio.doubleValue() < 50, name + " ratio " + ratio);
      }
    }
  }

  @Test
  void precisionChangesTheTextNotTheMeaning() throws Exception {
    QperfResult r = parse("-t", "1", "-e", "6", "-vvu", "tcp_lat");
    TestResult t = r.tests().get(0);
    assertEquals(0, t.metrics().get("msg_size").decimal().compareTo(BigDecimal.ONE));
    assertTrue(t.metrics().get("latency").decimal().signum() > 0);
  }

  @Test
  void unreachablePortFailsWithQperfsMessage() throws Exception {
    int closed = QperfServer.freePort();
    ClientRun run = new QperfServer.Client(closed).run("-ws", "1", "-t", "1", "tcp_bw");
    QperfResult r = QperfOutputParser.parse(run.output(), run.exitCode());
    assertEquals(1, run.exitCode());
    assertFalse(r.ok());
    assertEquals("127.0.0.1: failed to connect", r.tests().get(0).error());
  }

  @Test
  void unsupportedTestFailsWithTheServersMessage() throws Exception {
    QperfResult r = parse("-t", "1", "tcp_lat", "sctp_bw", "tcp_bw");
    assertFalse(r.ok());
    assertEquals(2, r.tests().size(), "qperf stops at the failing test");
    assertTrue(r.tests().get(0).ok());
    assertFalse(r.tests().get(1).ok());
    assertTrue(r.tests().get(1).error().startsWith("server:"), r.tests().get(1).error());
  }

  @Test
  void quitStopsItsServerAndIsASuccess() throws Exception {
    try (QperfServer own = QperfServer.start()) {
      QperfResult r = QperfOutputParser.parse(own.runClient("quit").output(), own.runClient("-V").exitCode());
      assertTrue(r.ok());
      assertEquals("quit", r.tests().get(0).test());
    }
  }

  private static QperfResult parse(String... args) throws Exception {
    ClientRun run = server.runClient(args);
    return QperfOutputParser.parse(run.output(), run.exitCode());
  }
}

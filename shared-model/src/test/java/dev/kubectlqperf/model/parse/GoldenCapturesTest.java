package dev.kubectlqperf.model.parse;

import static dev.kubectlqperf.model.parse.Golden.assertMetric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per recorded capture (or family of captures), with the exact values qperf printed. */
class GoldenCapturesTest {

  @Test
  void defaultOutputOfTwoTests() {
    QperfResult r = Golden.parse("tcp_bw_tcp_lat.txt");
    assertTrue(r.ok());
    assertEquals(0, r.exitCode());
    assertEquals(List.of("tcp_bw", "tcp_lat"), r.tests().stream().map(TestResult::test).toList());
    assertMetric(r.tests().get(0), "bw", "2020000000", "B/s", "2.02 GB/sec");
    assertMetric(r.tests().get(1), "latency", "0.00000702", "s", "7.02 us");
    assertEquals(List.of(), r.errors());
    assertEquals(List.of(), r.unparsed());
  }

  @Test
  void verboseAddsRatesCostsAndCpu() {
    QperfResult r = Golden.parse("tcp_bw_tcp_lat_v.txt");
    TestResult bw = r.tests().get(0);
    assertMetric(bw, "bw", "1810000000", "B/s", "1.81 GB/sec");
    assertMetric(bw, "msg_rate", "27600", "1/s", "27.6 K/sec");
    assertMetric(bw, "send_cost", "0.762", "s/GB", "762 ms/GB");
    assertMetric(bw, "recv_cpus_used", "138", "%cpu", "138 % cpus");
    TestResult lat = r.tests().get(1);
    assertMetric(lat, "latency", "0.00000699", "s", "6.99 us");
    assertMetric(lat, "msg_rate", "143000", "1/s", "143 K/sec");
    assertMetric(lat, "loc_cpus_used", "94.5", "%cpu", "94.5 % cpus");
    assertMetric(lat, "rem_cpus_used", "94.5", "%cpu", "94.5 % cpus");
    assertEquals(List.of("bw", "msg_rate", "send_cost", "recv_cost", "send_cpus_used", "recv_cpus_used"),
        List.copyOf(bw.metrics().keySet()), "qperf's order is kept");
  }

  @Test
  void veryVerboseHasSizesCountsAndTimes() {
    QperfResult r = Golden.parse("tcp_bw_tcp_lat_vv.txt");
    TestResult bw = r.tests().get(0);
    assertEquals(23, bw.metrics().size());
    assertMetric(bw, "msg_size", "65536", "B", "64 KiB (65,536)");
    assertMetric(bw, "time", "2", "s", "2 sec");
    assertMetric(bw, "send_cpus_kernel", "62.5", "%cpu", "62.5 % cpus");
    assertMetric(bw, "send_cpu_time", "2.65", "s", "2.65 sec");
    assertMetric(bw, "send_bytes", "4030000000", "B", "4.03 GB");
    assertMetric(bw, "send_msgs", "61496", "1", "61,496");
    assertMetric(bw, "recv_msgs", "61435", "1", "61,435");
    TestResult lat = r.tests().get(1);
    assertEquals(25, lat.metrics().size());
    assertMetric(lat, "latency", "0.000005", "s", "5 us");
    assertMetric(lat, "msg_size", "1", "B", "1 bytes");
    assertMetric(lat, "loc_send_bytes", "200000", "B", "200 KB");
    assertMetric(lat, "loc_send_msgs", "200070", "1", "200,070");
    assertMetric(lat, "rem_recv_msgs", "200069", "1", "200,069");
    assertTrue(r.unparsed().isEmpty(), () -> r.unparsed().toString());
  }

  @Test
  void eachVerbosityCategory() {
    assertMetric(Golden.parse("tcp_bw_vs.txt").tests().get(0), "msg_rate", "34400", "1/s", "34.4 K/sec");
    assertMetric(Golden.parse("tcp_bw_vt.txt").tests().get(0), "send_cost", "0.933", "s/GB", "933 ms/GB");
    assertEquals(1, Golden.parse("tcp_bw_vu.txt").tests().get(0).metrics().size(), "-vu: nothing set by the user");
    TestResult vvu = Golden.parse("tcp_bw_vvu.txt").tests().get(0);
    assertMetric(vvu, "timeout", "5", "s", "5 sec");
    assertMetric(vvu, "msg_size", "65536", "B", "64 KiB (65,536)");
    assertEquals(1, Golden.parse("tcp_bw_vc.txt").tests().get(0).metrics().size(), "-vc prints nothing more");
    assertTrue(Golden.parse("tcp_bw_vvs.txt").tests().get(0).metrics().size() > 4);
    assertTrue(Golden.parse("tcp_bw_vvt.txt").tests().get(0).metrics().containsKey("send_cpus_user"));
  }

  @Test
  void unifiedUnitsAndBits() {
    QperfResult uu = Golden.parse("uu_tcp_bw_tcp_lat.txt");
    assertMetric(uu.tests().get(0), "bw", "1310851072", "B/s", "1310851072 bytes/sec");
    assertMetric(uu.tests().get(1), "latency", "0.000016941", "s", "16941 ns");
    assertMetric(Golden.parse("ub_uu_tcp_bw.txt").tests().get(0), "bw", "2356576256", "B/s", "18852610048 bits/sec");
    assertMetric(Golden.parse("use_bits_per_sec_tcp_bw.txt").tests().get(0), "bw", "1287500000", "B/s", "10.3 Gb/sec");
  }

  @Test
  void udpSendAndReceive() {
    QperfResult r = Golden.parse("udp_bw_udp_lat.txt");
    assertMetric(r.tests().get(0), "send_bw", "11400000000", "B/s", "11.4 GB/sec");
    assertMetric(r.tests().get(0), "recv_bw", "4300000000", "B/s", "4.3 GB/sec");
    assertMetric(r.tests().get(1), "latency", "0.00000496", "s", "4.96 us");
  }

  @Test
  void decimalMessageSizeAndScaledBandwidth() {
    assertMetric(Golden.parse("t2_m1k_tcp_bw.txt").tests().get(0), "bw", "896000000", "B/s", "896 MB/sec");
  }

  @Test
  void countsHaveNoUnitAndKeepQperfsText() {
    TestResult affinity = Golden.parse("cpu_affinity_tcp_lat.txt").tests().get(0);
    assertMetric(affinity, "affinity", "1", "1", "1");
    TestResult port = Golden.parse("ip_port_tcp_lat.txt").tests().get(0);
    assertMetric(port, "port", "20000", "1", "20,000");
    assertMetric(port, "time", "1", "s", "1 sec");
  }

  @Test
  void confStringsKeepTheirSpaces() {
    QperfResult r = Golden.parse("conf.txt");
    assertTrue(r.ok());
    TestResult conf = r.tests().get(0);
    assertEquals("2 Cores: Intel Xeon Processor 2.3GHz", conf.metrics().get("loc_cpu").value());
    assertNull(conf.metrics().get("loc_cpu").unit());
    assertEquals("Linux 6.18.44-fc-v657", conf.metrics().get("rem_os").value());
    assertEquals("0.4.11", r.run().qperfVersion());
    assertEquals(8, Golden.parse("localhost_name_conf.txt").tests().get(0).metrics().size());
  }

  @Test
  void loopIterationsAreSeparateEntriesWithTheirLoopVariable() {
    QperfResult r = Golden.parse("loop_msg_size_vu_tcp_lat.txt");
    assertEquals(9, r.tests().size());
    List<String> sizes = r.tests().stream().map(t -> t.loop().get("msg_size").text()).toList();
    assertEquals(List.of("1 bytes", "4 bytes", "16 bytes", "64 bytes", "256 bytes", "1 KiB (1,024)",
        "4 KiB (4,096)", "16 KiB (16,384)", "64 KiB (65,536)"), sizes);
    assertMetric(r.tests().get(8), "latency", "0.0000492", "s", "49.2 us");
    assertMetric(r.tests().get(8), "msg_size", "65536", "B", "64 KiB (65,536)");
    assertEquals(1, r.tests().get(0).loop().size(), "time is constant: not a loop variable");

    QperfResult udp = Golden.parse("loop_additive_udp_lat.txt");
    assertEquals(List.of("1", "2", "3"),
        udp.tests().stream().map(t -> t.loop().get("msg_size").decimal().toPlainString()).toList());
    assertMetric(udp.tests().get(2), "latency", "0.00013", "s", "130 us");
  }

  @Test
  void kubestoneSampleArguments() {
    QperfResult r = Golden.parse("kubestone_sample_args.txt");
    assertTrue(r.ok());
    assertMetric(r.tests().get(0), "bw", "1650000000", "B/s", "1.65 GB/sec");
    assertMetric(r.tests().get(0), "time", "10", "s", "10 sec");
    assertMetric(r.tests().get(1), "latency", "0.00000465", "s", "4.65 us");
  }

  @Test
  void warningInsideABlockStaysWithIt() {
    QperfResult r = Golden.parse("unused_option_warning.txt");
    assertTrue(r.ok());
    assertEquals(List.of("warning: -ar1 set but not used in test tcp_lat"), r.tests().get(0).warnings());
    assertMetric(r.tests().get(0), "latency", "0.00000349", "s", "3.49 us");
  }

  @Test
  void debugCountersAreMetricsAndTheTraceIsKept() {
    QperfResult r = Golden.parse("debug_tcp_lat.txt");
    assertTrue(r.ok());
    assertMetric(r.tests().get(0), "l_timer_system", "0.75", "s", "750 ms");
    assertMetric(r.tests().get(0), "r_s_no_msgs", "150863", "1", "150,863");
    assertEquals(13, r.unparsed().size(), () -> r.unparsed().toString());
    assertEquals("sending request: tcp_lat", r.unparsed().get(0));
    assertTrue(r.unparsed().contains("sending from TCP port 45390 to 37171"));
    assertTrue(r.errors().isEmpty(), "the -D trace is not an error");
  }

  @Test
  void serverErrorOnStderrFailsTheDanglingTest() {
    for (String name : List.of("sctp_bw.txt", "sctp_lat.txt")) {
      QperfResult r = Golden.parse(name);
      assertFalse(r.ok(), name);
      assertEquals(List.of("server: unable to make SCTP socket"), r.errors(), name);
      assertEquals("server: unable to make SCTP socket", r.tests().get(0).error(), name);
      assertFalse(r.tests().get(0).ok());
    }
    assertEquals("server: unable to make SDP socket", Golden.parse("sdp_bw.txt").tests().get(0).error());
  }

  @Test
  void serverErrorPrintedBeforeTheHeaderStillBelongsToIt() {
    QperfResult r = Golden.parse("sctp_bw_combined_pipe.txt");
    assertFalse(r.ok());
    assertEquals("sctp_bw", r.tests().get(0).test());
    assertEquals("server: unable to make SCTP socket", r.tests().get(0).error());
  }

  @Test
  void failureMidRunKeepsEarlierResults() {
    QperfResult r = Golden.parse("multi_test_mid_failure.txt");
    assertFalse(r.ok());
    assertEquals(2, r.tests().size(), "tcp_lat after the failure is never run");
    assertTrue(r.tests().get(0).ok());
    assertMetric(r.tests().get(0), "bw", "1620000000", "B/s", "1.62 GB/sec");
    assertFalse(r.tests().get(1).ok());
    assertEquals("server: (the server reported an error without a message)", r.tests().get(1).error());
    assertEquals(List.of("server:"), r.errors());
  }

  @Test
  void localErrorAfterTheHeaderIsTheReason() {
    QperfResult rds = Golden.parse("rds_bw.txt");
    assertEquals("socket failed: Address family not supported by protocol", rds.tests().get(0).error());
    assertEquals(List.of("socket failed: Address family not supported by protocol", "server:"), rds.errors());
    assertEquals("127.0.0.1: failed to connect", Golden.parse("no_server_port.txt").tests().get(0).error());
    assertEquals("getaddrinfo failed: Name or service not known",
        Golden.parse("unresolvable_host.txt").tests().get(0).error());
    assertEquals("failed to find any InfiniBand devices: Function not implemented",
        Golden.parse("rc_bw.txt").tests().get(0).error());
    assertEquals("failed to find any InfiniBand devices: Function not implemented",
        Golden.parse("ud_lat.txt").tests().get(0).error());
  }

  @Test
  void errorsThatBelongToNoBlock() {
    assertBlocklessError("bad_test.txt", "tcp_foo: bad test; try: qperf --help tests");
    assertBlocklessError("xrc_bw.txt", "xrc_bw: bad test; try: qperf --help tests");
    assertBlocklessError("bad_option.txt", "--bogus: bad option; try: qperf --help options");
    assertBlocklessError("bad_size_arg.txt", "-m: bad size: 10q");
    assertBlocklessError("bad_time_arg.txt", "bad argument: 10x");
    assertBlocklessError("no_test.txt", "must specify a test type; try: qperf --help");
    assertBlocklessError("test_before_host.txt", "must specify host name first; try: qperf --help");
    assertBlocklessError("help_bad_topic.txt", "cannot find help category nosuchtopic; try: qperf --help categories");
    QperfResult noHost = Golden.parse("client_option_no_host.txt");
    assertEquals(List.of("you used a client-only option but did not specify the server name.",
        "Do you want to be a client or server?"), noHost.errors());
  }

  @Test
  void parseErrorAfterACompleteTestKeepsTheTest() {
    QperfResult r = Golden.parse("missing_option_arg.txt");
    assertFalse(r.ok());
    assertTrue(r.tests().get(0).ok());
    assertMetric(r.tests().get(0), "bw", "1530000000", "B/s", "1.53 GB/sec");
    assertEquals(List.of("missing argument to -t"), r.errors());
  }

  @Test
  void quitAndVersionAreSuccesses() {
    QperfResult quit = Golden.parse("quit_server2.txt");
    assertTrue(quit.ok());
    assertEquals("quit", quit.tests().get(0).test());
    assertTrue(quit.tests().get(0).metrics().isEmpty());
    QperfResult version = Golden.parse("version.txt");
    assertTrue(version.ok());
    assertEquals("0.4.11", version.run().qperfVersion());
    assertTrue(version.tests().isEmpty());
  }

  @Test
  void killedClientWithNoOutput() {
    QperfResult r = Golden.parse("no_msgs_tcp_lat.txt");
    assertFalse(r.ok());
    assertEquals(143, r.exitCode());
    assertEquals(List.of("qperf printed nothing"), r.errors());
  }

  @Test
  void helpTextIsKeptNotMistakenForErrors() {
    QperfResult r = Golden.parse("help_rc.txt");
    assertTrue(r.ok());
    assertTrue(r.errors().isEmpty());
    assertTrue(r.unparsed().contains("Synopsis"));
  }

  private static void assertBlocklessError(String name, String error) {
    QperfResult r = Golden.parse(name);
    assertFalse(r.ok(), name);
    assertEquals(1, r.exitCode(), name);
    assertTrue(r.tests().isEmpty(), name);
    assertEquals(List.of(error), r.errors(), name);
  }
}

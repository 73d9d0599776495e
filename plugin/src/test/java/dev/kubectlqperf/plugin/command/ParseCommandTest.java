package dev.kubectlqperf.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.plugin.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

  private final Cli cli = new Cli(null);

  @TempDir Path dir;

  private Path capture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/qperf-outputs/" + name)) {
      Path file = dir.resolve(name);
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  @Test
  void readsStandardInputAndPrintsTheDocument() {
    Cli.Run run = cli.runWithInput("tcp_bw:\n    bw  =  2.01 GB/sec\n", "parse");
    assertEquals(0, run.exitCode(), run.err());
    QperfResult doc = new ResultJson().read(run.out());
    assertTrue(doc.ok());
    assertEquals("2010000000", doc.tests().get(0).metrics().get("bw").decimal().toPlainString());
    assertEquals("", run.err());
  }

  @Test
  void captureFileGivesItsExitCode() throws IOException {
    Cli.Run run = cli.run("parse", capture("sctp_bw.txt").toString());
    assertEquals(1, run.exitCode(), "qperf reported a failure");
    QperfResult doc = new ResultJson().read(run.out());
    assertEquals(1, doc.exitCode());
    assertEquals("server: unable to make SCTP socket", doc.tests().get(0).error());
  }

  @Test
  void exitCodeFlagOverridesAndFailsAnOtherwiseCleanLog() {
    Cli.Run run = cli.runWithInput("tcp_bw:\n    bw  =  2 GB/sec\n", "parse", "-", "--exit-code", "1");
    assertEquals(1, run.exitCode());
    assertFalse(new ResultJson().read(run.out()).ok());
  }

  @Test
  void tableIsReadable() throws IOException {
    Cli.Run run = cli.run("parse", capture("tcp_bw_tcp_lat_v.txt").toString(), "-o", "table");
    assertEquals(0, run.exitCode());
    String[] lines = run.out().split("\n");
    assertEquals("TEST      RESULT   METRIC           VALUE         BASE VALUE", lines[0]);
    assertEquals("tcp_bw    ok       bw               1.81 GB/sec   1810000000 B/s", lines[1]);
    assertTrue(run.out().contains("tcp_lat   ok       latency          6.99 us       0.00000699 s"), run.out());
  }

  @Test
  void tableShowsFailuresAndQperfsErrors() throws IOException {
    Cli.Run run = cli.run("parse", capture("multi_test_mid_failure.txt").toString(), "-o", "table");
    assertEquals(1, run.exitCode());
    assertTrue(run.out().contains("sctp_bw   FAILED"), run.out());
    assertTrue(run.out().contains("qperf reported:\n  server:"), run.out());
  }

  @Test
  void csvHasOneRowPerMetric() throws IOException {
    Cli.Run run = cli.run("parse", capture("udp_bw_udp_lat.txt").toString(), "-o", "csv");
    String[] lines = run.out().split("\n");
    assertEquals(ResultCsv.HEADER, lines[0]);
    assertEquals(4, lines.length);
    assertEquals(",,,,,1,udp_bw,true,,send_bw,11400000000,B/s,11.4 GB/sec,", lines[1]);
  }

  @Test
  void thresholdsJudgeAParsedLogToo() throws IOException {
    Path log = capture("tcp_bw_tcp_lat.txt");
    Cli.Run pass = cli.run("parse", log.toString(), "-o", "table", "--threshold", "tcp_bw bw at least 1 GB/sec");
    assertEquals(0, pass.exitCode(), pass.err());
    assertTrue(pass.out().contains("Verdict: Passed\n  ✓ tcp_bw bw at least 1 GB/sec: tcp_bw bw mean 2.02 GB/sec"),
        pass.out());
    Cli.Run fail = cli.run("parse", log.toString(), "--threshold", "tcp_lat latency at most 5 us");
    assertEquals(1, fail.exitCode());
    assertTrue(fail.out().contains("\"result\" : \"Failed\""), fail.out());
    Cli.Run bad = cli.run("parse", log.toString(), "--threshold", "latency at most 5 parsecs");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--threshold: 'latency at most 5 parsecs': '5 parsecs' is not a number"), bad.err());
  }

  @Test
  void yamlToo() throws IOException {
    Cli.Run run = cli.run("parse", capture("conf.txt").toString(), "-o", "yaml");
    assertTrue(run.out().contains("loc_cpu:\n      value: \"2 Cores: Intel Xeon Processor 2.3GHz\""), run.out());
  }

  @Test
  void missingFileIsNotFound() {
    Cli.Run run = cli.run("parse", dir.resolve("nope.txt").toString());
    assertEquals(3, run.exitCode());
    assertEquals("error: no such file: " + dir.resolve("nope.txt") + "\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void usageErrorsExitTwo() {
    Cli.Run badFormat = cli.run("parse", "-o", "xml");
    assertEquals(2, badFormat.exitCode());
    assertTrue(badFormat.err().contains("Invalid value for option '--output'"), badFormat.err());
    assertEquals(2, cli.run("parse", "--exit-code", "abc").exitCode());
    assertEquals(2, cli.run("frobnicate").exitCode());
  }

  @Test
  void binaryInputIsAFailedDocumentNotACrash() {
    Cli.Run run = cli.runWithInput(new String(new byte[] {0, 1, 2, (byte) 0xff, 10}, StandardCharsets.ISO_8859_1),
        "parse", "-", "--exit-code", "1");
    assertEquals(1, run.exitCode());
    assertEquals("", run.err());
  }

  @Test
  void versionAndHelp() {
    assertTrue(cli.run("version").out().startsWith("kubectl-qperf "));
    Cli.Run help = cli.run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("parse") && help.out().contains("Exit codes:"), help.out());
  }
}

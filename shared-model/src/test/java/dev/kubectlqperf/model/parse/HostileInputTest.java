package dev.kubectlqperf.model.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.QperfResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input no qperf printed: the parser answers with errors or unparsed lines, never an exception or a hang. */
class HostileInputTest {

  private static QperfResult parse(String text, Integer exit) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> QperfOutputParser.parse(text, exit));
  }

  @Test
  void emptyAndNullInput() {
    for (String empty : new String[] {"", null, "\n\n  \n"}) {
      QperfResult r = parse(empty, null);
      assertFalse(r.ok());
      assertEquals(List.of("qperf printed nothing"), r.errors());
    }
  }

  @Test
  void truncatedLinesAreKeptAsUnparsed() {
    QperfResult r = parse("tcp_bw:\n    bw  =  1.62 GB/se\n    msg_rate  =  \ntcp_l", null);
    assertFalse(r.ok());
    assertEquals("tcp_bw", r.tests().get(0).test());
    assertFalse(r.tests().get(0).ok(), "no value survived: the test has no result");
    assertEquals(List.of("    bw  =  1.62 GB/se", "    msg_rate  =  ", "tcp_l"), r.unparsed());
  }

  @Test
  void logCutAfterAHeaderFailsThatTest() {
    QperfResult r = parse("tcp_bw:\n    bw  =  2 GB/sec\ntcp_lat:\n", null);
    assertTrue(r.tests().get(0).ok());
    assertFalse(r.tests().get(1).ok());
    assertEquals("no result: the output ends after the test header", r.tests().get(1).error());
    assertEquals(List.of("tcp_lat: no result: the output ends after the test header"), r.errors());
  }

  @Test
  void nonZeroExitWithoutAnErrorLine() {
    QperfResult r = parse("tcp_bw:\n    bw  =  2 GB/sec\n", 137);
    assertFalse(r.ok());
    assertEquals(List.of("qperf exited with code 137 without printing an error"), r.errors());
  }

  @Test
  void binaryNoise() {
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);
    QperfResult r = parse("tcp_bw:\n" + new String(noise, StandardCharsets.ISO_8859_1) + "\n    bw  =  1 GB/sec\n", 0);
    assertEquals(1, r.tests().size());
    assertTrue(r.unparsed().size() <= Unparsed.MAX_LINES + 1);
    assertTrue(r.unparsed().stream().allMatch(l -> l.length() <= Unparsed.MAX_LINE_LENGTH + 40));
  }

  @Test
  void hugeInputIsLinearAndBounded() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      sb.append("tcp_lat:\n    latency  =  ").append(i % 97).append(".5 us\n    junk line ").append(i).append('\n');
    }
    sb.append("x".repeat(5_000_000)).append('\n');
    QperfResult r = parse(sb.toString(), 0);
    assertEquals(200_000, r.tests().size());
    assertEquals(Unparsed.MAX_LINES + 1, r.unparsed().size());
    assertTrue(r.unparsed().get(Unparsed.MAX_LINES).startsWith("… and "));
  }

  @Test
  void pathologicalValueDoesNotBacktrack() {
    String line = "tcp_bw:\n    bw  =  " + "1,".repeat(100_000) + "x\n";
    QperfResult r = parse(line, null);
    assertFalse(r.tests().get(0).ok());
  }

  @Test
  void windowsLineEndingsAndDuplicateNames() {
    QperfResult r = parse("tcp_bw:\r\n    bw  =  2 GB/sec\r\n    bw  =  3 GB/sec\r\n", 0);
    assertEquals("2 GB/sec", r.tests().get(0).metrics().get("bw").text());
    assertEquals(List.of("    bw  =  3 GB/sec"), r.unparsed());
  }
}

package dev.kubectlqperf.model.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.parse.QperfOutputParser;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  private final ResultJson json = new ResultJson();
  private final QperfResult result = QperfOutputParser.parse(
      "tcp_bw:\n    bw  =  2.01 GB/sec\n    msg_size  =  64 KiB (65,536)\nconf:\n    loc_os  =  Linux 6\n", 0);

  @Test
  void documentHasTheAgreedShape() {
    String line = json.line(result);
    assertTrue(line.startsWith("{\"schema\":\"" + QperfResult.SCHEMA + "\",\"ok\":true,"), line);
    assertTrue(line.contains("\"metrics\":{\"bw\":{\"value\":2010000000,\"unit\":\"B/s\",\"text\":\"2.01 GB/sec\"},"
        + "\"msg_size\":{\"value\":65536,\"unit\":\"B\",\"text\":\"64 KiB (65,536)\"}}"), line);
    assertTrue(line.contains("\"loc_os\":{\"value\":\"Linux 6\",\"unit\":null,\"text\":\"Linux 6\"}"), line);
    assertTrue(line.contains("\"test\":\"tcp_bw\",\"ok\":true,\"error\":null"), line);
    assertTrue(line.contains("\"errors\":[]"), line);
    assertTrue(!line.contains("\n"));
  }

  @Test
  void roundTrips() {
    QperfResult back = json.read(json.pretty(result));
    assertEquals(json.line(result), json.line(back));
  }

  @Test
  void smallValuesArePlainNumbers() {
    QperfResult r = QperfOutputParser.parse("tcp_lat:\n    latency  =  6.99 us\n", 0);
    assertTrue(json.line(r).contains("\"value\":0.00000699,"), json.line(r));
  }

  @Test
  void garbageIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class, () -> json.read("{not json"));
    assertTrue(e.getMessage().startsWith("not a qperf result document"));
  }
}

package dev.kubectlqperf.model.qperf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamStartTest {

  @Test
  void theMarkerIsReadAndTakenOutOfQperfsOutput() {
    StreamStart.Marked m = StreamStart.read("qperf-stream-start uptime=22371.70\ntcp_bw:\n    bw  =  1.2 GB/sec\n");
    assertEquals(Optional.of(22371.70), m.uptime());
    assertEquals("tcp_bw:\n    bw  =  1.2 GB/sec\n", m.qperfOutput());
  }

  @Test
  void aLogWithoutMarkerIsQperfsOutputAsItIs() {
    StreamStart.Marked m = StreamStart.read("tcp_bw:\n");
    assertEquals(Optional.empty(), m.uptime());
    assertEquals("tcp_bw:\n", m.qperfOutput());
    assertEquals(Optional.empty(), StreamStart.read(null).uptime());
  }

  @Test
  void theScriptRunsInAPosixShellAndPrintsTheMarker() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", StreamStart.SCRIPT.replace("exec qperf", "exec echo"), "qperf", "args")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    StreamStart.Marked m = StreamStart.read(out);
    assertEquals(true, m.uptime().isPresent(), out);
    assertEquals("args\n", m.qperfOutput());
  }
}

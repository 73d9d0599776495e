package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kubectlqperf.model.testing.QperfServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's readiness check, run for real against a real qperf server on loopback. */
class QperfReadinessProbeIT {

  @Test
  void probeSeesTheListenerAndLeavesTheServerLogClean() throws Exception {
    try (QperfServer server = QperfServer.start()) {
      for (int i = 0; i < 5; i++) {
        assertEquals(0, run(QperfManifests.readinessCommand(server.port())), "ready once qperf listens");
      }
      server.runClient("-t", "1", "tcp_lat");
      assertEquals("", server.log(), "the probe must not make the server print anything");
    }
  }

  @Test
  void probeFailsWhenNothingListens() throws Exception {
    int port = QperfServer.freePort();
    assertNotEquals(0, run(QperfManifests.readinessCommand(port)));
  }

  private static int run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish: " + command);
    }
    return p.exitValue();
  }
}

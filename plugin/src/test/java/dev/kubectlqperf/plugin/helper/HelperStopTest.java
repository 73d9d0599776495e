package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helper stop} and {@code status} believe a helper's proof, never a pid or a port in a file. */
class HelperStopTest {

  private static final String TOKEN = "0123456789abcdef".repeat(4);

  @TempDir Path tmp;
  private Process bystander;

  @AfterEach
  void tearDown() {
    if (bystander != null) {
      bystander.destroyForcibly();
    }
  }

  @Test
  void aReusedPidIsNeverSignalled() throws Exception {
    // Some other program now has the helper's pid, and even 'serve' in its arguments.
    bystander = new ProcessBuilder(List.of("bash", "-c", "read -r line", "serve")).start();
    assertTrue(bystander.info().arguments().map(List::of).orElse(List.of()).contains("serve"));
    Path dir = OwnerOnly.privateDirectory(tmp.resolve("helper"));
    Path state = dir.resolve("abc");
    try (ServerSocket impostor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      new HelperState(state, bystander.pid()).publish(impostor.getLocalPort(), TOKEN, null);

      Cli.Run status = new Cli(null).run("helper", "status", "--dir", dir.toString());
      assertEquals("no helper is running\n", status.out(), status.err());
      Cli.Run stop = new Cli(null).run("helper", "stop", "--dir", dir.toString());
      assertEquals(0, stop.exitCode(), stop.err());
      assertEquals("no helper is running\n", stop.out());
    }
    assertTrue(bystander.isAlive(), "the bystander was not signalled");
    assertFalse(Files.exists(state), "the stale state file is removed");
  }

  @Test
  void aDirectoryOthersCanWriteIsAnError() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Cli.Run stop = new Cli(null).run("helper", "stop", "--dir", dir.toString());
    assertEquals(1, stop.exitCode());
    assertTrue(stop.err().contains("is open to group or others (mode 777)"), stop.err());
  }
}

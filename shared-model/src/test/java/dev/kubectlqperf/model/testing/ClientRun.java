package dev.kubectlqperf.model.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One finished qperf client process: its merged output (like a pod log) and its exit code. */
public record ClientRun(List<String> command, String output, int exitCode) {

  private static final long TIMEOUT_SECONDS = 120;

  public static ClientRun of(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("qperf client did not end: " + command);
    }
    return new ClientRun(command, new String(out, StandardCharsets.UTF_8), p.exitValue());
  }
}

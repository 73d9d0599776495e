package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.testing.QperfServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A qperf server and one qperf client, alone in a network namespace with nothing but loopback, so
 * that nothing they open (qperf listens on every address, on ports of its choosing) is reachable
 * from outside, however a test's options steer them. They also share a PID namespace whose first
 * process is the client: when the client ends, or {@link #close()} kills it, the kernel ends the
 * server and its children too. The client's output is line-buffered into a file, so a run that
 * does not end can be read while it goes on.
 */
final class IsolatedQperf implements AutoCloseable {

  private static final String SCRIPT = String.join("\n",
      "ip link set lo up || exit 97",
      "qperf --listen_port " + QperfDefaults.CONTROL_PORT + " >/dev/null 2>&1 &",
      // wait for the server's listening socket (state 0A) in this namespace's own table
      "until grep -q ' 0A ' /proc/net/tcp6 /proc/net/tcp 2>/dev/null; do :; done",
      "exec stdbuf -oL qperf \"$@\"");

  private final Process process;
  private final Path output;

  private IsolatedQperf(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Checks once that qperf is installed and namespaces can be made; says what is missing if not. */
  static void require() throws IOException, InterruptedException {
    QperfServer.requireQperf();
    try (IsolatedQperf probe = start(List.of("--version"))) {
      if (!probe.endsWithin(Duration.ofSeconds(30)) || probe.exitCode() != 0
          || !probe.output().contains("qperf 0.4.11")) {
        throw new IllegalStateException("these tests run qperf in a network namespace of its own (unshare -rn "
            + "--pid, util-linux), with ip (iproute2) and stdbuf (coreutils); that failed here: " + probe.output());
      }
    }
  }

  /** Starts the server, then the client with these arguments (the server's address first). */
  static IsolatedQperf start(List<String> clientArgs) throws IOException {
    Path output = Files.createTempFile("qperf-client-", ".log");
    List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--net", "--pid",
        "--fork", "--kill-child", "--mount-proc", "sh", "-c", SCRIPT, "isolated-qperf"));
    command.addAll(clientArgs);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new IsolatedQperf(process, output);
  }

  /** Waits at most this long for the client to end; true if it did. */
  boolean endsWithin(Duration bound) throws InterruptedException {
    return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean running() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** What the client (and the namespace set-up) printed so far. */
  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the client, and with it everything in its namespaces. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the isolated qperf did not end when killed: pid " + process.pid());
      }
      Files.deleteIfExists(output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

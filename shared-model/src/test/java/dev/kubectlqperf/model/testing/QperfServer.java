package dev.kubectlqperf.model.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real qperf server on a free loopback port, for tests. Its stdout (where qperf prints server
 * errors) is kept in a file; {@link #close()} stops exactly this process.
 */
public final class QperfServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private QperfServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static QperfServer start() throws IOException {
    requireQperf();
    int port = freePort();
    Path log = Files.createTempFile("qperf-server-", ".log");
    Process process = new ProcessBuilder("qperf", "--listen_port", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    QperfServer server = new QperfServer(process, port, log);
    await("qperf server listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> !process.isAlive() || server.listening());
    if (!process.isAlive()) {
      throw new IllegalStateException("qperf server exited: " + server.log());
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** What the server printed so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a qperf client against this server; returns its merged output and exit code. */
  public ClientRun runClient(String... optionsAndTests) throws IOException, InterruptedException {
    return new Client(port).run(optionsAndTests);
  }

  /** A qperf client aimed at 127.0.0.1 on a control port, whether or not a server listens there. */
  public record Client(int port) {
    public ClientRun run(String... optionsAndTests) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("qperf", "127.0.0.1", "--listen_port", String.valueOf(port)));
      command.addAll(List.of(optionsAndTests));
      return ClientRun.of(command);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public static void requireQperf() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "qperf"))) {
        return;
      }
    }
    throw new IllegalStateException("qperf is not installed: apt-get install -y qperf (the tests run the real qperf)");
  }

  private boolean listening() {
    // A connect would make qperf log an error; reading the listen table does not.
    try {
      return Files.readAllLines(Path.of("/proc/net/tcp6")).stream().anyMatch(this::isListenLine)
          || Files.readAllLines(Path.of("/proc/net/tcp")).stream().anyMatch(this::isListenLine);
    } catch (IOException e) {
      return false;
    }
  }

  private boolean isListenLine(String line) {
    String[] f = line.trim().split("\\s+");
    return f.length > 3 && f[1].endsWith(":" + String.format("%04X", port)) && f[3].equals("0A");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

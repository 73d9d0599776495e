package dev.kubectlqperf.pipeline.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.pipeline.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real InfluxDB 1.x ({@code influxd} from the Debian package) on free loopback ports, with all
 * its state in a temporary directory. It can be stopped and started again on the same port and
 * data, to play a sink that goes away and comes back.
 */
public final class InfluxServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  private InfluxServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts influxd and creates {@code database}. */
  public static InfluxServer start(String database) throws Exception {
    Path dir = Files.createTempDirectory("influxd");
    int port = freePort();
    String config = """
        reporting-disabled = true
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s/meta"
        [data]
          dir = "%s/data"
          wal-dir = "%s/wal"
          query-log-enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          log-enabled = false
        [monitor]
          store-enabled = false
        [logging]
          level = "warn"
        """.formatted(freePort(), dir, dir, dir, port);
    Files.writeString(dir.resolve("influxdb.conf"), config);
    InfluxServer server = new InfluxServer(dir, port);
    server.start();
    server.query("CREATE DATABASE " + database, null);
    return server;
  }

  public void start() throws IOException {
    process = new ProcessBuilder("influxd", "run", "-config", dir.resolve("influxdb.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
    await("influxd on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(this::pings);
  }

  /** Stops influxd; its data stays for the next {@link #start()}. */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean pings() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs InfluxQL over HTTP; returns the first statement's result (its {@code series}, or an error). */
  public JsonNode query(String influxQl, String database) throws IOException, InterruptedException {
    String form = "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)
        + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/query"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(response.body()).path("results").path(0);
    if (result.has("error") || response.statusCode() != 200) {
      throw new IllegalStateException("InfluxQL '" + influxQl + "' failed: " + response.body());
    }
    return result;
  }

  /** The number of points a query's single series returns (0 when there is none). */
  public int rows(String influxQl, String database) throws IOException, InterruptedException {
    int rows = 0;
    for (JsonNode series : query(influxQl, database).path("series")) {
      rows += series.path("values").size();
    }
    return rows;
  }

  @Override
  public void close() {
    stop();
    TempDirs.delete(dir);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

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
import java.util.List;

/**
 * A real Prometheus ({@code prometheus} from the Debian package) on a free loopback port, scraping
 * one target every second, with its storage in a temporary directory and the rule files given.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Process process;

  private PrometheusServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Scrapes {@code 127.0.0.1:targetPort/observe/metrics} (job {@code qperf-pipeline}), evaluating {@code ruleFiles}. */
  public static PrometheusServer scraping(int targetPort, List<Path> ruleFiles) throws IOException {
    Path dir = Files.createTempDirectory("prometheus");
    int port = freePort();
    StringBuilder rules = new StringBuilder();
    ruleFiles.forEach(f -> rules.append("  - ").append(f.toAbsolutePath()).append('\n'));
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
        %s
        scrape_configs:
          - job_name: qperf-pipeline
            metrics_path: /observe/metrics
            honor_labels: true
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(rules.isEmpty() ? "  []" : rules.toString().stripTrailing(), targetPort));
    Process process = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(dir, port, process);
    await("prometheus on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(server::ready);
    return server;
  }

  private boolean ready() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
    }
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** An instant query through the HTTP API; returns {@code data.result} (fails on an error answer). */
  public JsonNode query(String promQl) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IllegalStateException("PromQL '" + promQl + "' failed: " + response.body());
    }
    return body.path("data").path("result");
  }

  /** The value of the single series a query returns; NaN when it returns none. */
  public double value(String promQl) throws IOException, InterruptedException {
    JsonNode result = query(promQl);
    if (result.size() > 1) {
      throw new IllegalStateException("'" + promQl + "' returned " + result.size() + " series: " + result);
    }
    return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
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

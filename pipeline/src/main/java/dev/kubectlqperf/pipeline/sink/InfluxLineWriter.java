package dev.kubectlqperf.pipeline.sink;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Writes line-protocol points to InfluxDB 1.x's {@code /write} (millisecond precision). For the
 * few points outside a run's result document (a schedule's trend); the results go through the
 * Camel InfluxDB route. The password is sent, never put in a message.
 */
public final class InfluxLineWriter {

  private final HttpClient http;
  private final URI write;
  private final String authorization;

  public InfluxLineWriter(HttpClient http, String url, String database, String retentionPolicy, String username,
      String password) {
    this.http = http;
    String query = "db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&precision=ms"
        + (retentionPolicy == null || retentionPolicy.isBlank() ? ""
            : "&rp=" + URLEncoder.encode(retentionPolicy, StandardCharsets.UTF_8));
    this.write = URI.create(url.replaceAll("/+$", "") + "/write?" + query);
    this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
  }

  public void write(String lines) throws SinkRefusal, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(write).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(lines));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SinkRefusal("cannot reach InfluxDB: " + e.getClass().getSimpleName(), true, null);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      String body = response.body() == null ? "" : response.body().strip();
      throw new SinkRefusal("InfluxDB answered HTTP " + status + (body.isEmpty() ? "" : ": "
          + body.substring(0, Math.min(200, body.length()))), status >= 500 || status == 408, null);
    }
  }
}

package dev.kubectlqperf.pipeline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.OptionalDouble;

/** One scrape of a Prometheus text exposition, and the value of a series in it. */
public record Scrape(String text) {

  public static Scrape of(int port) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("/observe/metrics answered " + response.statusCode() + ": " + response.body());
      }
      return new Scrape(response.body());
    }
  }

  /**
   * The value of the series {@code metric} whose labels include every {@code name="value"} pair
   * given; empty when there is none.
   */
  public OptionalDouble value(String metric, String... labels) {
    return text.lines().filter(l -> !l.startsWith("#"))
        .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
  }

  public boolean has(String metric, String... labels) {
    return value(metric, labels).isPresent();
  }
}

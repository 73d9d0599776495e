package dev.kubectlqperf.pipeline.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Posts messages to a Slack incoming webhook. The webhook URL is the secret: it is used for the
 * request only and never put in a message, a log line or an exception.
 *
 * <p>Why not camel-slack's producer: its webhook path drops the response headers, so a 429's
 * {@code Retry-After} cannot be read, and it reports a non-2xx answer only after it has completed
 * the exchange's callback.
 */
public final class SlackWebhook {

  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);
  private final HttpClient http;
  private final URI webhook;

  public SlackWebhook(HttpClient http, String webhookUrl) {
    this.http = http;
    this.webhook = URI.create(webhookUrl);
  }

  public void post(String payload) throws SinkRefusal, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SinkRefusal("cannot reach the Slack webhook: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + withoutSecret(e.getMessage())), true, null);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String said = "the Slack webhook answered HTTP " + status + answer(response.body());
    if (status == 429) {
      throw new SinkRefusal(said, true, retryAfter(response.headers().firstValue("Retry-After")).orElse(null));
    }
    throw new SinkRefusal(said, status >= 500 || status == 408, null);
  }

  private String withoutSecret(String message) {
    return message.replace(webhook.toString(), "(webhook)").replace(webhook.getRawPath(), "(webhook)");
  }

  private String answer(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = withoutSecret(body.strip());
    return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }

  /** {@code Retry-After} is delay-seconds or an HTTP date (RFC 9110 §10.2.3); capped. */
  static Optional<Duration> retryAfter(Optional<String> header) {
    return header.map(String::strip).flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at));
        } catch (DateTimeParseException notADate) {
          return Optional.empty();
        }
      }
    }).map(d -> d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
  }
}

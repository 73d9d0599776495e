package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebhookTest {

  private SlackReceiver slack;
  private SlackWebhook webhook;

  @BeforeEach
  void start() throws Exception {
    slack = new SlackReceiver();
    webhook = new SlackWebhook(HttpClient.newHttpClient(), slack.webhookUrl());
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void postsThePayloadAsJson() throws Exception {
    webhook.post("{\"text\":\"hello\"}");
    assertEquals("{\"text\":\"hello\"}", slack.posts().get(0).body());
  }

  @Test
  void a429IsRetryableAfterWhatItSays() {
    slack.answerNext(new SlackReceiver.Answer(429, "7"));
    SinkRefusal r = assertThrows(SinkRefusal.class, () -> webhook.post("{}"));
    assertTrue(r.retryable());
    assertEquals(Duration.ofSeconds(7), r.retryAfter());
  }

  @Test
  void a5xxIsRetryableAndARevokedWebhookIsNot() {
    slack.answerNext(new SlackReceiver.Answer(500, null));
    slack.answerNext(new SlackReceiver.Answer(404, null));
    SinkRefusal serverError = assertThrows(SinkRefusal.class, () -> webhook.post("{}"));
    assertTrue(serverError.retryable());
    assertNull(serverError.retryAfter());
    assertEquals("the Slack webhook answered HTTP 500: error 500", serverError.getMessage());
    assertFalse(assertThrows(SinkRefusal.class, () -> webhook.post("{}")).retryable());
  }

  @Test
  void anUnreachableWebhookIsRetryableAndItsUrlIsNotInTheMessage() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + SlackReceiver.PATH;
    SinkRefusal r = assertThrows(SinkRefusal.class,
        () -> new SlackWebhook(HttpClient.newHttpClient(), url).post("{}"));
    assertTrue(r.retryable());
    assertTrue(r.getMessage().startsWith("cannot reach the Slack webhook: "), r.getMessage());
    assertFalse(r.getMessage().contains("s3cr3t"), r.getMessage());
  }

  @Test
  void retryAfterIsSecondsOrADateAndIsCapped() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), SlackWebhook.retryAfter(Optional.of(" 30 ")));
    assertEquals(Optional.of(SlackWebhook.MAX_RETRY_AFTER), SlackWebhook.retryAfter(Optional.of("86400")));
    String inAMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    Duration d = SlackWebhook.retryAfter(Optional.of(inAMinute)).orElseThrow();
    assertTrue(d.compareTo(Duration.ofSeconds(55)) > 0 && d.compareTo(Duration.ofSeconds(61)) <= 0, d.toString());
    assertEquals(Optional.empty(), SlackWebhook.retryAfter(Optional.of("soon")));
  }
}

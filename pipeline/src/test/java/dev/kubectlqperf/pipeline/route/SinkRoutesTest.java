package dev.kubectlqperf.pipeline.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.delivery.DeliveryGuard;
import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.metrics.SinkMetrics;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink routes with their shared error handling: retries with backoff, the dead letter, a
 * sink's Retry-After, one outcome per run. InfluxDB is a mock endpoint, Slack a loopback receiver.
 */
class SinkRoutesTest extends CamelTestSupport {

  @TempDir
  static Path deadLetter;
  private final RecordedOutcomes recorded = new RecordedOutcomes();
  private final HttpClient http = HttpClient.newHttpClient();
  private SlackReceiver slack;

  @Override
  protected RoutesBuilder[] createRouteBuilders() throws Exception {
    slack = new SlackReceiver();
    SinkConfig config = SinkConfig.fromMap(Map.of(SinkConfig.SINKS, "influxdb,slack",
        SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl(), SinkConfig.RETRIES, "2",
        SinkConfig.RETRY_DELAY_MS, "10", SinkConfig.MAX_RETRY_DELAY_MS, "20",
        SinkConfig.DEAD_LETTER_DIR, deadLetter.toString()));
    DeliveryOutcomes outcomes = new DeliveryOutcomes(recorded, new DeliveryGuard(), config, SinkMetrics.unexported());
    return new RoutesBuilder[] {new SinkErrorHandling(config, outcomes), new DeadLetterRoute(outcomes),
        new InfluxSinkRoute(config, Clock.systemUTC(), outcomes),
        new SlackSinkRoute(new SlackWebhook(http, config.slackWebhookUrl()), null, outcomes)};
  }

  @Override
  protected Properties useOverridePropertiesWithPropertiesComponent() {
    Properties properties = new Properties();
    properties.put("qperf.sink.consumers", "1");
    properties.put("qperf.sink.influxdb.uri", "mock:influxdb");
    properties.put("qperf.dead-letter.dir", deadLetter.toString());
    return properties;
  }

  @AfterEach
  void closeReceiver() {
    slack.close();
    http.close();
  }

  @Test
  void aFailedWriteIsRetriedAndTheRunDeliveredOnce() throws Exception {
    MockEndpoint influx = getMockEndpoint("mock:influxdb");
    influx.whenExchangeReceived(1, e -> {
      throw new IllegalStateException("connection refused");
    });
    influx.whenExchangeReceived(2, e -> {
      throw new IllegalStateException("connection refused");
    });
    influx.expectedMessageCount(3);
    NotifyBuilder done = new NotifyBuilder(context).fromRoute("result-to-influx").whenDone(1).create();

    template.sendBody(Sink.INFLUXDB.queue(), RecordedOutcomes.result("flaky", "uid-1"));

    assertTrue(done.matches(10, TimeUnit.SECONDS), "the delivery never ended");
    influx.assertIsSatisfied();
    assertEquals(List.of("retrying flaky influxdb after 1: connection refused",
        "retrying flaky influxdb after 2: connection refused", "delivered flaky influxdb in 3"), recorded.lines());
  }

  @Test
  void aRunThatExhaustsItsRetriesIsKeptInTheDeadLetter() throws Exception {
    getMockEndpoint("mock:influxdb").whenAnyExchangeReceived(e -> {
      throw new IllegalStateException("database not found");
    });
    NotifyBuilder done = new NotifyBuilder(context).fromRoute("result-to-influx").whenDone(1).create();

    template.sendBody(Sink.INFLUXDB.queue(), RecordedOutcomes.result("dead", "uid-2"));

    assertTrue(done.matches(10, TimeUnit.SECONDS), "nothing reached the dead letter");
    getMockEndpoint("mock:influxdb").expectedMessageCount(3);
    getMockEndpoint("mock:influxdb").assertIsSatisfied();
    Path kept = deadLetter.resolve("influxdb/bench.dead.uid-2.json");
    assertTrue(Files.readString(kept).contains("uid-2"), Files.readString(kept));
    assertEquals("failed dead influxdb after 3 into influxdb/bench.dead.uid-2.json: database not found",
        recorded.lines().getLast());
  }

  @Test
  void aRefusalNoRetryCanFixGoesToTheDeadLetterAtOnce() throws Exception {
    getMockEndpoint("mock:influxdb").whenAnyExchangeReceived(e -> {
      throw new SinkRefusal("HTTP 404: the database is gone", false, null);
    });
    NotifyBuilder done = new NotifyBuilder(context).fromRoute("result-to-influx").whenDone(1).create();

    template.sendBody(Sink.INFLUXDB.queue(), RecordedOutcomes.result("refused", "uid-3"));

    assertTrue(done.matches(10, TimeUnit.SECONDS), "nothing reached the dead letter");
    assertEquals(List.of("failed refused influxdb after 1 into influxdb/bench.refused.uid-3.json: "
        + "HTTP 404: the database is gone"), recorded.lines());
  }

  @Test
  void slacksRetryAfterSetsTheWaitBeforeTheNextAttempt() throws Exception {
    slack.answerNext(new SlackReceiver.Answer(429, "1"));
    NotifyBuilder done = new NotifyBuilder(context).fromRoute("result-to-slack").whenDone(1).create();

    template.sendBody(Sink.SLACK.queue(), RecordedOutcomes.result("limited", "uid-4"));

    assertTrue(done.matches(10, TimeUnit.SECONDS), "the delivery never ended");
    List<SlackReceiver.Post> posts = slack.posts();
    assertEquals(List.of(429, 200), posts.stream().map(SlackReceiver.Post::status).toList());
    Duration waited = Duration.between(posts.get(0).at(), posts.get(1).at());
    assertTrue(waited.compareTo(Duration.ofMillis(900)) >= 0, "retried after " + waited + ", not after Retry-After");
    assertEquals("delivered limited slack in 2", recorded.lines().getLast());
  }
}

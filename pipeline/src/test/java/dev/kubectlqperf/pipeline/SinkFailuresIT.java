package dev.kubectlqperf.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.DeadLetterReplay;
import dev.kubectlqperf.pipeline.sink.ResultFiles;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.testing.InfluxServer;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sinks that fail: afterwards every run is in every chosen sink exactly once (points and POSTs
 * counted), and the dead letter holds exactly what exhausted its retries.
 */
class SinkFailuresIT extends MockClusterTest {

  private static final String LOG = "tcp_bw:\n    bw  =  1 GB/sec\n";
  InfluxServer influx;
  SlackReceiver slack;

  @BeforeEach
  void startSinks() throws Exception {
    influx = InfluxServer.start("qperf");
    slack = new SlackReceiver();
  }

  @AfterEach
  void stopSinks() {
    slack.close();
    influx.close();
  }

  Map<String, String> env(String sinks, int retries) {
    Map<String, String> env = new HashMap<>();
    env.put(SinkConfig.SINKS, sinks);
    env.put(SinkConfig.INFLUXDB_URL, influx.url());
    env.put(SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl());
    env.put(SinkConfig.RETRIES, String.valueOf(retries));
    env.put(SinkConfig.RETRY_DELAY_MS, "50");
    env.put(SinkConfig.MAX_RETRY_DELAY_MS, "400");
    return env;
  }

  List<String> runAll(String prefix, int count) {
    List<String> names = IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    names.forEach(n -> fixture.create(n, QperfSpec.of(List.of("tcp_bw"), null)));
    driveToEnd(names, n -> LOG, Duration.ofSeconds(90));
    return names;
  }

  SinkDelivery delivery(String name, String sink) {
    var status = fixture.get(name).getStatus();
    return status == null || status.getSinks() == null ? null : status.getSinks().get(sink);
  }

  boolean all(List<String> names, String sink, SinkDelivery.State state) {
    return names.stream().allMatch(n -> delivery(n, sink) != null && delivery(n, sink).state() == state);
  }

  List<Path> deadLetters(String sink) throws Exception {
    Path dir = fixture.resultsDir.resolve("dead-letter").resolve(sink);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void influxDownDuringFiftyRunsThenBackGetsEveryRunOnce() throws Exception {
    influx.stop();
    fixture.start(env("influxdb,file", 1000), Step.Listener.NONE);
    List<String> names = runAll("run", 50);
    await("every run retried").atMost(Duration.ofSeconds(30)).until(() -> names.stream().allMatch(n ->
        delivery(n, "influxdb").state() == SinkDelivery.State.Pending && delivery(n, "influxdb").attempts() >= 1));
    assertTrue(all(names, "file", SinkDelivery.State.Delivered), "a dead sink does not hold up the others");
    assertTrue(delivery("run-1", "influxdb").lastError().contains("Failed to connect"),
        delivery("run-1", "influxdb").lastError());

    influx.start();
    await("all in InfluxDB").atMost(Duration.ofSeconds(30)).until(() -> all(names, "influxdb",
        SinkDelivery.State.Delivered));
    assertEquals(50, influx.rows("SELECT bw FROM qperf", "qperf"));
    assertEquals(50, Files.readAllLines(fixture.resultsDir.resolve(ResultFiles.JSON_LINES)).size());
    assertEquals(List.of(), deadLetters("influxdb"));
  }

  @Test
  void slackAnswering500ForAWhileThen429GetsEachRunOneMessageAfterItsRetryAfter() throws Exception {
    slack.answerAlways(500);
    fixture.start(env("slack", 1000), Step.Listener.NONE);
    List<String> names = runAll("run", 10);
    await("failed posts").atMost(Duration.ofSeconds(20)).until(() -> slack.posts().size() >= 20);
    slack.answerNext(new SlackReceiver.Answer(429, "2"));
    slack.answerAlways(200);
    await("all in Slack").atMost(Duration.ofSeconds(30)).until(() -> all(names, "slack",
        SinkDelivery.State.Delivered));
    for (String n : names) {
      assertEquals(1, slack.accepted("*bench/" + n + "*"), n);
    }
    SlackReceiver.Post limited = slack.posts().stream().filter(p -> p.status() == 429).findFirst().orElseThrow();
    String run = limited.body().replaceAll("(?s).*\\*bench/([a-z0-9-]+)\\*.*", "$1");
    SlackReceiver.Post next = slack.posts().stream()
        .filter(p -> p.at().isAfter(limited.at()) && p.body().contains("*bench/" + run + "*")).findFirst().orElseThrow();
    Duration waited = Duration.between(limited.at(), next.at());
    assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, run + " was retried after " + waited);
  }

  @Test
  void pipelineStoppedWithDeliveriesPendingResumesThemOnceAfterRestart() throws Exception {
    slack.answerAlways(500);
    Pipeline first = fixture.start(env("slack,influxdb,file", 1000), Step.Listener.NONE);
    List<String> names = runAll("run", 10);
    await("slack retried").atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(n ->
        delivery(n, "slack").attempts() >= 1) && all(names, "influxdb", SinkDelivery.State.Delivered));
    first.close();
    assertTrue(all(names, "slack", SinkDelivery.State.Pending), "stopping is not giving up");

    slack.answerAlways(200);
    fixture.start(env("slack,influxdb,file", 1000), Step.Listener.NONE);
    await("all in Slack").atMost(Duration.ofSeconds(30)).until(() -> all(names, "slack",
        SinkDelivery.State.Delivered));
    for (String n : names) {
      assertEquals(1, slack.accepted("*bench/" + n + "*"), n);
    }
    assertEquals(10, influx.rows("SELECT bw FROM qperf", "qperf"));
    assertEquals(10, Files.readAllLines(fixture.resultsDir.resolve(ResultFiles.JSON_LINES)).size());
    assertEquals(List.of(), deadLetters("slack"));
  }

  @Test
  void theDeadLetterHoldsExactlyWhatExhaustedItsRetriesAndReplaySendsIt() throws Exception {
    slack.refuseMessagesWith("doomed");
    Map<String, String> env = env("slack", 2);
    env.put(SinkConfig.RESULTS_DIR, fixture.resultsDir.toString());
    fixture.start(env, Step.Listener.NONE);
    List<String> fine = runAll("fine", 3);
    List<String> doomed = runAll("doomed", 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> all(fine, "slack", SinkDelivery.State.Delivered)
        && all(doomed, "slack", SinkDelivery.State.Failed));

    List<Path> dead = deadLetters("slack");
    assertEquals(3, dead.size(), dead.toString());
    for (String n : doomed) {
      SinkDelivery failed = delivery(n, "slack");
      assertEquals(3, failed.attempts());
      assertEquals("the Slack webhook answered HTTP 500: error 500", failed.lastError());
      Path file = fixture.resultsDir.resolve("dead-letter").resolve(failed.deadLetter());
      assertTrue(dead.contains(file), failed.deadLetter());
      assertEquals(n, new ResultJson().read(Files.readString(file)).run().name());
      assertEquals(3, slack.posts().stream().filter(p -> p.body().contains("*bench/" + n + "*")).count());
    }

    slack.refuseMessagesWith(null);
    var outcomes = new DeadLetterReplay(new QperfCluster(client), SinkConfig.fromMap(env), Clock.systemUTC(),
        Map.of("camel.main.shutdownTimeout", "2")).replay(null);
    assertEquals(3, outcomes.size());
    assertTrue(outcomes.stream().allMatch(DeadLetterReplay.Outcome::delivered), outcomes.toString());
    assertEquals(List.of(), deadLetters("slack"));
    for (String n : doomed) {
      assertEquals(1, slack.accepted("*bench/" + n + "*"), n);
      assertEquals(SinkDelivery.State.Delivered, delivery(n, "slack").state());
      assertNotNull(delivery(n, "slack").deliveredAt());
    }
  }

  /** The sinks' settings are defaults: a Camel property given to the pipeline wins over them. */
  @Test
  void aCamelPropertyOverridesWhereTheDeadLetterGoes() throws Exception {
    slack.refuseMessagesWith("doomed");
    Path elsewhere = Files.createTempDirectory(fixture.resultsDir, "elsewhere");
    fixture.start(client, env("slack", 0), Map.of("qperf.dead-letter.dir", elsewhere.toString()), Step.Listener.NONE);
    List<String> doomed = runAll("doomed", 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> all(doomed, "slack", SinkDelivery.State.Failed));
    Path file = elsewhere.resolve(delivery(doomed.get(0), "slack").deadLetter());
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
    assertEquals(List.of(), deadLetters("slack"), "nothing in the default dead letter");
  }
}

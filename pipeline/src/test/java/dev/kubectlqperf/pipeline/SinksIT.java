package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.LifecycleMockTest.capture;
import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.Scenario;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.sink.ResultFiles;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.InfluxServer;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finished runs reach a real InfluxDB, a local Slack webhook and files, once each. */
class SinksIT extends MockClusterTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Map<String, String> LOGS = Map.of("bw-lat", "tcp_bw_tcp_lat.txt",
      "loop", "loop_msg_size_vu_tcp_lat.txt", "mid", "multi_test_mid_failure.txt", "udp", "udp_bw_udp_lat.txt");
  static InfluxServer influx;
  SlackReceiver slack;
  String database;

  @BeforeAll
  static void startInflux() throws Exception {
    influx = InfluxServer.start("unused");
  }

  @AfterAll
  static void stopInflux() {
    influx.close();
  }

  @BeforeEach
  void startSinks() throws Exception {
    slack = new SlackReceiver();
    database = "qperf" + DATABASES.incrementAndGet();
    influx.query("CREATE DATABASE " + database, null);
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  Map<String, String> env(String sinks) {
    Map<String, String> env = new HashMap<>();
    env.put(SinkConfig.SINKS, sinks);
    env.put(SinkConfig.INFLUXDB_URL, influx.url());
    env.put(SinkConfig.INFLUXDB_DATABASE, database);
    env.put(SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl());
    env.put(SinkConfig.RETRY_DELAY_MS, "50");
    env.put(SinkConfig.MAX_RETRY_DELAY_MS, "400");
    return env;
  }

  static String log(String name) {
    try {
      return capture(LOGS.getOrDefault(name, "tcp_bw_tcp_lat.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Run "udp" has a threshold no network meets, so the sinks see a failed verdict too; "bw-lat" asks IPv6. */
  void runAll(List<String> names) {
    names.forEach(n -> fixture.create(n, new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null,
        null, null, null, null, n.equals("udp") ? List.of("latency at most 1 ns") : null, null,
        n.equals("bw-lat") ? IpFamily.IPv6 : null)));
    driveToEnd(names, SinksIT::log, Duration.ofSeconds(60));
  }

  SinkDelivery delivery(String name, String sink) {
    var status = fixture.get(name).getStatus();
    return status == null || status.getSinks() == null ? null : status.getSinks().get(sink);
  }

  void awaitDelivered(List<String> names, List<String> sinks, Duration atMost) {
    await("delivered to " + sinks).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() ->
        names.stream().allMatch(n -> sinks.stream().allMatch(s -> delivery(n, s) != null
            && delivery(n, s).state() == SinkDelivery.State.Delivered)));
  }

  @Test
  void everySinkGetsEachRunOnceWithTagsFieldsAndVerdict() throws Exception {
    fixture.start(env("influxdb,slack,file"), Step.Listener.NONE);
    List<String> names = List.of("bw-lat", "loop", "mid", "udp");
    runAll(names);
    awaitDelivered(names, List.of("influxdb", "slack", "file"), Duration.ofSeconds(20));

    JsonNode bwLat = influx.query("SELECT * FROM qperf WHERE run = 'bw-lat'", database).path("series").path(0);
    List<String> columns = new ObjectMapper().convertValue(bwLat.path("columns"), List.class);
    JsonNode tcpBw = bwLat.path("values").path(0);
    assertEquals(2, bwLat.path("values").size());
    assertEquals("tcp_bw", tcpBw.get(columns.indexOf("test")).asText());
    assertEquals(2.02e9, tcpBw.get(columns.indexOf("bw")).asDouble());
    assertEquals(7.02e-6, bwLat.path("values").path(1).get(columns.indexOf("latency")).asDouble(), 1e-12);
    assertEquals(NS, tcpBw.get(columns.indexOf("namespace")).asText());
    assertEquals(FakeKubelet.SERVER_NODE, tcpBw.get(columns.indexOf("server_node")).asText());
    assertEquals(FakeKubelet.CLIENT_NODE, tcpBw.get(columns.indexOf("client_node")).asText());
    assertEquals("Headless", tcpBw.get(columns.indexOf("service_type")).asText());
    assertEquals("false", tcpBw.get(columns.indexOf("client_host_network")).asText());
    assertEquals("IPv6", tcpBw.get(columns.indexOf("ip_family")).asText());
    assertEquals(2, influx.rows("SELECT bw, latency FROM qperf WHERE ip_family = 'IPv6'", database), "bw-lat's two blocks");
    assertTrue(tcpBw.get(columns.indexOf("ok")).asBoolean());
    assertEquals(9, influx.rows("SHOW TAG VALUES FROM qperf WITH KEY = loop_msg_size", database), "1 B to 64 KiB by 4");
    assertTrue(influx.rows("SELECT error FROM qperf WHERE run = 'mid' AND ok = false", database) >= 1);

    assertEquals(1, slack.accepted("*bench/bw-lat* completed"));
    assertEquals(1, slack.accepted("*bench/mid* failed"));
    assertEquals(1, slack.accepted("*bench/udp* failed its thresholds: latency at most 1 ns"));
    assertEquals(1, influx.rows("SELECT latency FROM qperf WHERE run = 'udp' AND verdict = 'Failed'", database));
    assertTrue(slack.posts().stream().anyMatch(p -> p.body().contains("tcp_bw 2.02 GB/sec")));
    assertEquals(4, slack.posts().size());
    assertEquals(4, Files.readAllLines(fixture.resultsDir.resolve(ResultFiles.JSON_LINES)).size());
    SinkDelivery influxDone = delivery("bw-lat", "influxdb");
    assertEquals(1, influxDone.attempts());
    assertNotNull(influxDone.deliveredAt());

    for (String query : DashboardQueries.of(Path.of("../deploy/grafana/qperf-influxdb.json"))) {
      assertTrue(influx.rows(query, database) > 0, "no rows for the dashboard's " + query);
    }
  }

  @Test
  void writingTheSameResultAgainDoesNotDoubleIt() throws Exception {
    Pipeline first = fixture.start(env("influxdb,file"), Step.Listener.NONE);
    runAll(List.of("bw-lat"));
    awaitDelivered(List.of("bw-lat"), List.of("influxdb", "file"), Duration.ofSeconds(20));
    first.close();

    // As if the pipeline had died after writing but before recording it: both sinks Pending again.
    client.resources(Qperf.class).inNamespace(NS).withName("bw-lat").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"sinks\":{\"influxdb\":{\"state\":\"Pending\"},\"file\":{\"state\":\"Pending\"}}}}");
    fixture.start(env("influxdb,file"), Step.Listener.NONE);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery("bw-lat", "influxdb").deliveredAt() != null
        && delivery("bw-lat", "influxdb").state() == SinkDelivery.State.Delivered
        && delivery("bw-lat", "file").state() == SinkDelivery.State.Delivered);
    assertEquals(2, fixture.published.size(), "handed to the sinks twice");
    assertEquals(2, influx.rows("SELECT bw, latency FROM qperf", database), "still one point per test block");
    assertEquals(1, Files.readAllLines(fixture.resultsDir.resolve(ResultFiles.JSON_LINES)).size());
  }

  @Test
  void aFailingSlackWebhookNeverLeaksItsSecretIntoStatusOrLogs() throws Exception {
    slack.answerAlways(500);
    Map<String, String> env = env("slack");
    env.put(SinkConfig.RETRIES, "2");
    try (LogCapture logs = LogCapture.start()) {
      fixture.start(env, Step.Listener.NONE);
      runAll(List.of("bw-lat"));
      await().atMost(Duration.ofSeconds(20)).until(() -> delivery("bw-lat", "slack").state()
          == SinkDelivery.State.Failed);
      SinkDelivery failed = delivery("bw-lat", "slack");
      assertEquals(3, failed.attempts());
      assertEquals("the Slack webhook answered HTTP 500: error 500", failed.lastError());
      assertTrue(logs.text().contains("delivery to slack failed"), "the logs were captured");
      assertFalse(logs.text().contains("s3cr3t"), "the webhook's secret path is in a log line");
      assertFalse(fixture.get("bw-lat").toString().contains("s3cr3t"));
    }
    assertEquals(3, slack.posts().size());
  }

  /**
   * A matrix's children go through the real InfluxDB sink tagged with their pair, and the
   * dashboard's matrix panels (their queries as Grafana sends them for one matrix) get every pair
   * back; Slack is left to the matrix.
   */
  @Test
  void matrixChildrenAreTaggedWithTheirPairAndTheDashboardsMatrixPanelsListThem() throws Exception {
    fixture.start(env("influxdb,slack"), Step.Listener.NONE);
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("net").withUid("uid-net").build());
    matrix.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null)));
    MatrixNode a = new MatrixNode("node-a", "zone-1");
    MatrixNode b = new MatrixNode("node-b", "zone-2");
    List<String> names = new java.util.ArrayList<>();
    for (NodePair pair : List.of(new NodePair(a, b), new NodePair(b, a))) {
      names.add(client.resource(MatrixChildren.child(matrix, matrix.getSpec().template(), Scenario.PodToPod, pair))
          .create().getMetadata().getName());
    }
    driveToEnd(names, SinksIT::log, Duration.ofSeconds(60));
    awaitDelivered(names, List.of("influxdb"), Duration.ofSeconds(20));
    names.forEach(n -> assertEquals(null, delivery(n, "slack"), "a matrix child leaves Slack to its matrix"));

    List<String> queries = DashboardQueries.matrix(Path.of("../deploy/grafana/qperf-influxdb.json"), "net");
    assertEquals(3, queries.size(), "the matrix variable and two panels: " + queries);
    assertEquals(Set.of("net"), column(influx.query(queries.get(0), database), "value"));
    for (String panel : queries.subList(1, 3)) {
      Set<String> rows = new TreeSet<>();
      for (JsonNode series : influx.query(panel, database).path("series")) {
        JsonNode tags = series.path("tags");
        rows.add(tags.path("matrix").asText() + " " + tags.path("scenario").asText() + " " + tags.path("src_node")
            .asText() + "(" + tags.path("src_zone").asText() + ") -> " + tags.path("dst_node").asText() + "("
            + tags.path("dst_zone").asText() + ") " + series.path("values").path(0).path(1).asDouble());
      }
      boolean bandwidth = panel.contains("\"bw\"");
      String value = bandwidth ? " 2.02E9" : " 7.02E-6";
      assertEquals(new TreeSet<>(Set.of("net PodToPod node-a(zone-1) -> node-b(zone-2)" + value,
          "net PodToPod node-b(zone-2) -> node-a(zone-1)" + value)), rows, panel);
    }
    assertEquals(0, influx.rows(queries.get(1).replace("/^net$/", "/^other$/"), database), "one matrix only");
  }

  private static Set<String> column(JsonNode result, String name) {
    Set<String> values = new TreeSet<>();
    for (JsonNode series : result.path("series")) {
      int i = indexOf(series, name);
      series.path("values").forEach(v -> values.add(v.path(i).asText()));
    }
    return values;
  }

  private static int indexOf(JsonNode series, String column) {
    int i = 0;
    for (JsonNode c : series.path("columns")) {
      if (c.asText().equals(column)) {
        return i;
      }
      i++;
    }
    return -1;
  }
}

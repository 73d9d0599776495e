package dev.kubectlqperf.pipeline.matrix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One Slack message per matrix, through the local webhook receiver, and not twice across restarts. */
@EnableKubernetesMockClient(crud = true)
class MatrixSlackMockTest {

  private static final String NS = "matrix";
  KubernetesClient client;
  private final List<MatrixWork> works = new ArrayList<>();
  private SlackReceiver slack;

  @BeforeEach
  void setUp() throws Exception {
    for (String crd : List.of("qperves", "qperfmatrices")) {
      try (InputStream in = getClass().getResourceAsStream("/crd/" + crd + ".perf.kubestone.xridge.io.yaml")) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      }
    }
    for (String name : List.of("node-1", "node-2", "node-3")) {
      client.resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }
    slack = new SlackReceiver();
  }

  @AfterEach
  void tearDown() {
    works.forEach(MatrixWork::close);
    slack.close();
  }

  @Test
  void anEndedMatrixPostsOnceWithVerdictOutliersAndTheCommandAndNotAgainAfterARestart() {
    MatrixWork first = start();
    create("mslack");
    ChildController children = new ChildController(client, NS, (src, dst) -> new ChildController.Outcome(
        QperfPhase.Completed, src.equals("node-3") && dst.equals("node-1") ? 0.05e9 : 1e9));
    await("mslack delivered to Slack").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          children.step();
          return slackState("mslack") == SinkDelivery.State.Delivered;
        });

    assertEquals(1, slack.posts().size(), "one message for six pairs");
    String body = slack.posts().get(0).body();
    assertTrue(body.contains(":warning: QperfMatrix *matrix/mslack* Degraded: 6 pair runs, 1 outlier pair"), body);
    assertTrue(body.contains("node-3 → node-1, PodToPod bandwidth 50.0 MB/s (cluster median 1.00 GB/s)"), body);
    assertTrue(body.contains("`kubectl qperf matrix mslack -n matrix`"), body);
    assertEquals(1, get("mslack").getStatus().getSlack().attempts());

    first.close();
    start();
    create("mafter");
    ChildController after = new ChildController(client, NS, (src, dst) -> new ChildController.Outcome(
        QperfPhase.Completed, 1e9));
    await("mafter delivered to Slack").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          after.step();
          return slackState("mafter") == SinkDelivery.State.Delivered;
        });
    assertEquals(2, slack.posts().size(), "the restarted pipeline posted mafter only, not mslack again");
    assertEquals(1, slack.accepted("*matrix/mslack*"));
    assertEquals(1, slack.accepted(":white_check_mark: QperfMatrix *matrix/mafter* Passed"));
  }

  /** A pipeline that stopped after recording the end but before posting: the next one posts it, once. */
  @Test
  void aMessageStillPendingIsPostedByTheNextPipeline() {
    QperfMatrix m = client.resource(matrix("mpending")).create();
    m.setStatus(new QperfMatrixStatus().setPhase(QperfPhase.Completed).setVerdict(MatrixVerdict.Passed)
        .setRunSpec(m.getSpec()).setNodes(List.of(MatrixNode.of("node-1"), MatrixNode.of("node-2")))
        .setProgress(new MatrixProgress(2, 2, null, 0, 2)).setSlack(SinkDelivery.pending()));
    client.resource(m).updateStatus();

    start();

    await().atMost(Duration.ofSeconds(20)).until(() -> slackState("mpending") == SinkDelivery.State.Delivered);
    assertEquals(1, slack.accepted("*matrix/mpending* Passed: 2 pair runs"));
  }

  @Test
  void aRefusedMessageIsRetriedThenRecordedFailedWithoutTheSecret() {
    slack.answerAlways(500);
    start();
    create("mrefused");
    ChildController children = new ChildController(client, NS, (src, dst) -> new ChildController.Outcome(
        QperfPhase.Completed, 1e9));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      children.step();
      return slackState("mrefused") == SinkDelivery.State.Failed;
    });
    SinkDelivery failed = get("mrefused").getStatus().getSlack();
    assertEquals(3, failed.attempts(), "the first post and two retries");
    assertEquals(3, slack.posts().size());
    assertTrue(failed.lastError().startsWith("the Slack webhook answered HTTP 500"), failed.lastError());
    assertTrue(!get("mrefused").toString().contains("s3cr3t"));
  }

  private MatrixWork start() {
    PipelineConfig config = PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, NS,
        PipelineConfig.RESYNC_SECONDS, "1", SinkConfig.SINKS, "slack", SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl(),
        SinkConfig.RETRIES, "2", SinkConfig.RETRY_DELAY_MS, "50"));
    MatrixWork work = new MatrixWork(new QperfCluster(client), config, Clock.systemUTC());
    works.add(work);
    work.start();
    return work;
  }

  private void create(String name) {
    client.resource(matrix(name)).create();
  }

  private static QperfMatrix matrix(String name) {
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    m.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null)));
    return m;
  }

  private QperfMatrix get(String name) {
    return client.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
  }

  private SinkDelivery.State slackState(String name) {
    QperfMatrix m = get(name);
    return m == null || m.getStatus() == null || m.getStatus().getSlack() == null ? null
        : m.getStatus().getSlack().state();
  }
}

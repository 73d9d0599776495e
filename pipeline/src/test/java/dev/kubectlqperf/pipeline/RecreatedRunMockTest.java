package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run deleted and created again under the same name while its result is on its way to a sink. */
class RecreatedRunMockTest extends MockClusterTest {

  private static final String RUN = "again";
  private SlackReceiver slack;

  @BeforeEach
  void startSlack() throws Exception {
    slack = new SlackReceiver();
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  private SinkDelivery slackDelivery() {
    Qperf q = fixture.get(RUN);
    return q == null || q.getStatus() == null || q.getStatus().getSinks() == null ? null
        : q.getStatus().getSinks().get("slack");
  }

  /**
   * The old run's post is answered only once the new run has ended and its own post waits: the
   * old run's Delivered is then written, and must not land on the new run (whose post never ends).
   */
  @Test
  void theNewRunIsNeverMarkedWithTheOldRunsDeliveryOutcome() throws Exception {
    slack.hold();
    fixture.start(Map.of(SinkConfig.SINKS, "slack", SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl()),
        Step.Listener.NONE);
    fixture.create(RUN, QperfSpec.of(List.of("tcp_lat"), null));
    driveToEnd(List.of(RUN), n -> "tcp_lat:\n    latency  =  5 us\n", Duration.ofSeconds(20));
    String oldUid = fixture.get(RUN).getMetadata().getUid();
    await("the old run's post, held").atMost(Duration.ofSeconds(10)).until(() -> slack.arrived() == 1);

    client.resources(Qperf.class).inNamespace(NS).withName(RUN).delete();
    // What the garbage collector and the endpoints controller of a real cluster do:
    client.pods().inNamespace(NS).withLabel(QperfResources.LABEL_INSTANCE, RUN).delete();
    client.endpoints().inNamespace(NS).withName(RUN).delete();
    await("deleted").atMost(Duration.ofSeconds(10)).until(() -> fixture.get(RUN) == null
        && client.pods().inNamespace(NS).list().getItems().isEmpty());
    fixture.create(RUN, QperfSpec.of(List.of("tcp_lat"), null));
    driveToEnd(List.of(RUN), n -> "tcp_lat:\n    latency  =  6 us\n", Duration.ofSeconds(20));
    assertNotEquals(oldUid, fixture.get(RUN).getMetadata().getUid());
    await("the new run's post, held").atMost(Duration.ofSeconds(10)).until(() -> slack.arrived() == 2);
    assertEquals(SinkDelivery.pending(), slackDelivery());

    try (LogCapture logs = LogCapture.start()) {
      slack.releaseOldest();
      // A real API server answers the failed uid test with 422, and the pipeline drops the outcome
      // (DeliveryRecorderTest); this mock server logs the failed test and never answers.
      await("the old run's outcome written").atMost(Duration.ofSeconds(20)).until(() ->
          logs.text().contains("Expected value \"" + oldUid + "\"") || logs.text().contains("(uid " + oldUid + ")")
              || !SinkDelivery.pending().equals(slackDelivery()));
    }
    await("the new run's entry stays its own").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> SinkDelivery.pending().equals(slackDelivery()));
    assertEquals(1, slack.accepted("*bench/" + RUN + "*"), "the old run's message only");
  }
}

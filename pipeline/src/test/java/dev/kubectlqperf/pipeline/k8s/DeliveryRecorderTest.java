package dev.kubectlqperf.pipeline.k8s;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.pipeline.LogCapture;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A delivery's outcome lands in the status through passing API failures, and is dropped for a run that is no more. */
class DeliveryRecorderTest {

  private static final DeliveryRecorder.Run RUN = new DeliveryRecorder.Run("bench", "nightly", "uid-1");

  /** Answers each status write with the next scripted HTTP code (0: no connection, -1: timed out), then accepts. */
  private static final class ScriptedCluster extends QperfCluster {
    final List<SinkDelivery> writes = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private volatile boolean failForever;

    ScriptedCluster(Integer... codes) {
      super(null);
      failures.addAll(List.of(codes));
    }

    @Override
    public void replaceSinkDelivery(String namespace, String name, String uid, String sink, Object delivery) {
      writes.add((SinkDelivery) delivery);
      Integer code;
      synchronized (this) {
        code = failures.poll();
      }
      if (failForever || code != null) {
        throw new KubernetesClientException("scripted", code == null ? 503 : code, null);
      }
    }
  }

  private static DeliveryRecorder recorder(QperfCluster cluster) {
    return new DeliveryRecorder(cluster, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC),
        Duration.ofMillis(5), Duration.ofMillis(20));
  }

  @Test
  void aDeliveredOutcomeLandsThroughServerErrorsConflictsTimeoutsAndLostConnections() {
    ScriptedCluster cluster = new ScriptedCluster(500, 409, 0, -1, 429, 503);
    recorder(cluster).delivered(RUN, "slack", 1);
    assertEquals(7, cluster.writes.size(), "written until it landed");
    assertEquals(SinkDelivery.State.Delivered, cluster.writes.get(6).state());
    assertEquals("2026-11-27T10:00:00Z", cluster.writes.get(6).deliveredAt());
  }

  @Test
  void aFailedOutcomeLandsToo() {
    ScriptedCluster cluster = new ScriptedCluster(502);
    recorder(cluster).failed(RUN, "slack", 3, "HTTP 500", "slack/bench.nightly.uid-1.json");
    assertEquals(2, cluster.writes.size());
    assertEquals("slack/bench.nightly.uid-1.json", cluster.writes.get(1).deadLetter());
  }

  @Test
  void anOutcomeForARunReCreatedOrGoneIsDroppedWithOneLogLine() {
    for (int code : new int[] {422, 404}) {
      ScriptedCluster cluster = new ScriptedCluster(code);
      try (LogCapture logs = LogCapture.start()) {
        recorder(cluster).delivered(RUN, "slack", 1);
        assertEquals(1, cluster.writes.size(), "HTTP " + code + " is not retried");
        List<String> lines = logs.text().lines().filter(l -> l.contains("bench/nightly")).toList();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("uid-1") && lines.get(0).contains("dropped"), lines.get(0));
      }
    }
  }

  @Test
  void anAttemptCountIsWrittenOnceEvenWhenItFails() {
    ScriptedCluster cluster = new ScriptedCluster(500);
    recorder(cluster).retrying(RUN, "slack", 1, "HTTP 500");
    assertEquals(1, cluster.writes.size());
  }

  @Test
  void stoppingTheSinkThreadEndsTheRetriesAndSaysTheOutcomeWasNotRecorded() throws Exception {
    ScriptedCluster cluster = new ScriptedCluster();
    cluster.failForever = true;
    try (LogCapture logs = LogCapture.start()) {
      Thread sink = Thread.ofPlatform().start(() -> recorder(cluster).delivered(RUN, "slack", 1));
      await().atMost(Duration.ofSeconds(5)).until(() -> cluster.writes.size() >= 3);
      sink.interrupt();
      sink.join(Duration.ofSeconds(5));
      assertFalse(sink.isAlive(), "the retries went on after the interrupt");
      assertTrue(logs.text().contains("before the pipeline stopped"), logs.text());
    }
  }
}

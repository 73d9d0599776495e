package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.schedule.ConcurrencyPolicy;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.ScheduleRuns;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import dev.kubectlqperf.model.stats.Statistics;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.schedule.ScheduleWork;
import dev.kubectlqperf.pipeline.testing.InfluxServer;
import dev.kubectlqperf.pipeline.testing.SlackReceiver;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * QperfSchedules on a real kube-apiserver, under the pipeline's ServiceAccount and RBAC, with a
 * clock the test moves: each test runs the schedule controller ({@link ScheduleWork}) on its own
 * namespace and clock, and plays the Qperf controller itself, ending each run with the status
 * and headline numbers it chooses (the Qperf lifecycle has tests of its own).
 */
@ExtendWith(ControlPlane.Extension.class)
class ScheduleIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static ControlPlane cluster;
  private static KubernetesClient admin;
  private final List<ScheduleWork> works = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  private final SimpleMeterRegistry trendMetrics = new SimpleMeterRegistry();

  @BeforeAll
  static void setUp(ControlPlane plane) throws Exception {
    cluster = plane;
    admin = plane.admin();
    ProductManifests.applyClusterWideWithoutItsPipeline(plane.kubeconfig(), admin);
    await("the QperfSchedule CRD established").atMost(Duration.ofSeconds(60)).until(() -> {
      var crd = admin.apiextensions().v1().customResourceDefinitions().withName(QperfSchedule.CRD_NAME).get();
      return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  @AfterEach
  void stopWork() {
    works.forEach(ScheduleWork::close);
    namespaces.forEach(ns -> admin.namespaces().withName(ns).delete());
  }

  @AfterAll
  static void tearDown() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void aScheduleEveryMinuteCreatesItsRunsOnTime() throws Exception {
    String ns = namespace("sched-ontime");
    TestClock clock = new TestClock(Instant.now());
    start(ns, clock, Map.of());
    Instant first = firstDue(create(ns, "ontime", ConcurrencyPolicy.Allow, null));

    clock.set(first.minusSeconds(2));
    QperfSchedule waiting = awaitStatus(ns, "ontime", s -> first.toString().equals(s.nextScheduleTime()));
    assertEquals(0, runs(ns, "ontime").size(), "nothing before the first due time");
    assertEquals(null, waiting.getStatus().lastScheduleTime());

    for (int slot = 0; slot < 3; slot++) {
      Instant due = first.plus(Duration.ofMinutes(slot));
      clock.set(due.plusSeconds(1));
      int expected = slot + 1;
      await("run " + expected).atMost(WAIT).until(() -> runs(ns, "ontime").size() == expected);
      Qperf run = runs(ns, "ontime").get(slot);
      assertEquals(ScheduleRuns.runName("ontime", due), run.getMetadata().getName());
      assertEquals(due.toString(), run.getMetadata().getAnnotations().get(QperfResources.ANNOTATION_SCHEDULED_TIME));
      assertEquals("QperfSchedule", run.getMetadata().getOwnerReferences().get(0).getKind());
      assertEquals("ontime", run.getMetadata().getLabels().get(QperfResources.LABEL_SCHEDULE));
    }
    QperfSchedule s = awaitStatus(ns, "ontime", st -> st.activeCount() != null && st.activeCount() == 3);
    assertEquals(first.plus(Duration.ofMinutes(2)).toString(), s.getStatus().lastScheduleTime());
    assertEquals(first.plus(Duration.ofMinutes(3)).toString(), s.getStatus().nextScheduleTime());
  }

  @Test
  void forbidStartsNothingWhileARunRunsThenOnlyTheLatestDueTime() throws Exception {
    String ns = namespace("sched-forbid");
    TestClock clock = new TestClock(Instant.now());
    start(ns, clock, Map.of());
    Instant first = firstDue(create(ns, "forbid", null, null));
    clock.set(first.plusSeconds(1));
    await("the first run").atMost(WAIT).until(() -> runs(ns, "forbid").size() == 1);

    clock.set(first.plus(Duration.ofMinutes(2)).plusSeconds(1));
    awaitStatus(ns, "forbid", s -> reasonOf(s, "Ready").equals("RunStillActive"));
    assertEquals(1, runs(ns, "forbid").size());

    end(runs(ns, "forbid").get(0), QperfPhase.Completed, 1e9);
    await("the latest due time runs once the first run ended").atMost(WAIT)
        .until(() -> runs(ns, "forbid").size() == 2);
    assertEquals(first.plus(Duration.ofMinutes(2)).toString(), scheduledTime(runs(ns, "forbid").get(1)));
  }

  @Test
  void historyLimitsPruneEndedRunsButTheHistoryKeepsThem() throws Exception {
    String ns = namespace("sched-prune");
    TestClock clock = new TestClock(Instant.now());
    start(ns, clock, Map.of());
    QperfSchedule created = create(ns, "prune", ConcurrencyPolicy.Allow, spec -> spec.withHistoryLimits(2, 1));
    Instant first = firstDue(created);
    List<QperfPhase> ends = List.of(QperfPhase.Completed, QperfPhase.Failed, QperfPhase.Completed,
        QperfPhase.Failed, QperfPhase.Completed);
    List<String> names = new ArrayList<>();
    for (int slot = 0; slot < ends.size(); slot++) {
      Instant due = first.plus(Duration.ofMinutes(slot));
      String name = ScheduleRuns.runName("prune", due);
      names.add(name);
      clock.set(due.plusSeconds(1));
      await(name).atMost(WAIT).until(() -> admin.resources(Qperf.class).inNamespace(ns).withName(name).get() != null);
      end(admin.resources(Qperf.class).inNamespace(ns).withName(name).get(), ends.get(slot), 1e9);
      await(name + " in the history").atMost(WAIT).until(() -> status(ns, "prune") != null
          && status(ns, "prune").runsOrEmpty().stream().anyMatch(r -> r.name().equals(name) && r.ended()));
    }
    await("two completed and one failed run kept").atMost(WAIT).until(() -> runs(ns, "prune").stream()
        .map(r -> r.getMetadata().getName()).toList().equals(List.of(names.get(2), names.get(3), names.get(4))));
    assertEquals(5, status(ns, "prune").runsOrEmpty().size());
    assertEquals(names.get(4), status(ns, "prune").runsOrEmpty().get(0).name());
  }

  @Test
  void suspendStopsNewRunsAndResumingRunsOnlyTheLatestDueTime() throws Exception {
    String ns = namespace("sched-suspend");
    TestClock clock = new TestClock(Instant.now());
    start(ns, clock, Map.of());
    Instant first = firstDue(create(ns, "pause", ConcurrencyPolicy.Allow, null));
    clock.set(first.plusSeconds(1));
    await("the first run").atMost(WAIT).until(() -> runs(ns, "pause").size() == 1);

    setSuspend(ns, "pause", true);
    awaitStatus(ns, "pause", s -> reasonOf(s, "Ready").equals("Suspended") && s.nextScheduleTime() == null);
    clock.set(first.plus(Duration.ofMinutes(3)).plusSeconds(1));
    awaitStatus(ns, "pause", s -> reasonOf(s, "Ready").equals("Suspended"));
    assertEquals(1, runs(ns, "pause").size());

    setSuspend(ns, "pause", false);
    await("resumed").atMost(WAIT).until(() -> runs(ns, "pause").size() == 2);
    assertEquals(first.plus(Duration.ofMinutes(3)).toString(), scheduledTime(runs(ns, "pause").get(1)));
    awaitStatus(ns, "pause", s -> reasonOf(s, "Ready").equals("Scheduled"));
    assertEquals(2, runs(ns, "pause").size(), "one run for three missed due times");
  }

  @Test
  void aPipelineDownForThreeDueTimesCatchesUpOnce() throws Exception {
    String ns = namespace("sched-down");
    TestClock clock = new TestClock(Instant.now());
    ScheduleWork work = start(ns, clock, Map.of());
    Instant first = firstDue(create(ns, "down", ConcurrencyPolicy.Allow, null));
    clock.set(first.plusSeconds(1));
    await("the first run").atMost(WAIT).until(() -> runs(ns, "down").size() == 1);
    end(runs(ns, "down").get(0), QperfPhase.Completed, 1e9);
    awaitStatus(ns, "down", s -> s.activeCount() != null && s.activeCount() == 0);

    work.close();
    clock.set(first.plus(Duration.ofMinutes(3)).plusSeconds(30)); // due times +1, +2 and +3 pass while down
    start(ns, clock, Map.of());

    QperfSchedule s = awaitStatus(ns, "down",
        st -> first.plus(Duration.ofMinutes(3)).toString().equals(st.lastScheduleTime()));
    assertEquals(2, runs(ns, "down").size());
    assertEquals(first.plus(Duration.ofMinutes(3)).toString(), scheduledTime(runs(ns, "down").get(1)));
    assertTrue(admin.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> "RunCreated".equals(e.getReason()) && e.getMessage().contains("3 due times passed")),
        "the event says the missed due times were skipped");
    assertEquals(first.plus(Duration.ofMinutes(4)).toString(), s.getStatus().nextScheduleTime());
  }

  @Test
  void fiveRunsAtOneSpeedThenASlowerOneRegressOnceInSlackAndInfluxDb() throws Exception {
    String ns = namespace("sched-trend");
    TestClock clock = new TestClock(Instant.now());
    try (SlackReceiver slack = new SlackReceiver(); InfluxServer influx = InfluxServer.start("qperf")) {
      start(ns, clock, Map.of(SinkConfig.SINKS, "slack,influxdb", SinkConfig.SLACK_WEBHOOK_URL, slack.webhookUrl(),
          SinkConfig.INFLUXDB_URL, influx.url(), SinkConfig.INFLUXDB_DATABASE, "qperf"));
      Instant first = firstDue(create(ns, "trend", ConcurrencyPolicy.Allow, null));
      double[] gbps = {1.00, 1.01, 0.99, 1.02, 0.98, 0.60, 0.61};
      for (int slot = 0; slot < gbps.length; slot++) {
        Instant due = first.plus(Duration.ofMinutes(slot));
        String name = ScheduleRuns.runName("trend", due);
        clock.set(due.plusSeconds(1));
        await(name).atMost(WAIT).until(() -> admin.resources(Qperf.class).inNamespace(ns).withName(name).get() != null);
        end(admin.resources(Qperf.class).inNamespace(ns).withName(name).get(), QperfPhase.Completed, gbps[slot] * 1e9);
        QperfScheduleStatus s = awaitStatus(ns, "trend", st -> st.trend() != null && name.equals(st.trend().latestRun())
            || st.trend() != null && st.trend().verdict() == TrendVerdict.InsufficientHistory
                && st.runsOrEmpty().stream().anyMatch(r -> r.name().equals(name) && r.ended())).getStatus();
        assertEquals(slot < 5 ? TrendVerdict.InsufficientHistory : TrendVerdict.Regressed, s.trend().verdict(),
            s.trend().toString());
        if (slot == 5) {
          assertEquals("tcp_bw bw", s.trend().metric());
          assertTrue(s.trend().changePercent() < -35, s.trend().toString());
          await("one Slack message").atMost(WAIT).until(() -> slack.posts().size() == 1);
          awaitStatus(ns, "trend", st -> QperfScheduleStatus.NOTIFICATION_SENT.equals(st.trendNotification()));
        }
      }
      QperfScheduleStatus last = status(ns, "trend");
      assertEquals(first.plus(Duration.ofMinutes(5)).toString(), last.trend().since(), "regressed since the slow run");
      assertEquals("True", last.conditions().stream().filter(c -> c.getType().equals("Regressed")).findFirst()
          .orElseThrow().getStatus());
      assertEquals(1, slack.posts().size(), "one message per change of verdict, not one per run");
      assertTrue(slack.posts().get(0).body().contains("tcp_bw bw regressed"), slack.posts().get(0).body());
      assertTrue(admin.v1().events().inNamespace(ns).list().getItems().stream()
          .filter(e -> "TrendRegressed".equals(e.getReason())).count() == 1);
      assertEquals(1, influx.rows("SELECT change_percent FROM qperf_trend WHERE verdict = 'Regressed'"
          + " AND metric = 'tcp_bw bw' AND schedule = 'trend' AND namespace = '" + ns + "'", "qperf"),
          "one trend point, tagged with the verdict and the metric, at the time the regression began");
      await("qperf_schedule_regressed 1").atMost(WAIT).until(() ->
          trendMetrics.find(ScheduleTrends.METRIC).tag("schedule", "trend").gauge() != null
              && trendMetrics.get(ScheduleTrends.METRIC).tag("schedule", "trend").gauge().value() == 1.0);

      Shell.Result history = Kubectl.plugin(cluster.kubeconfig(), "history", "trend", "-n", ns);
      System.out.println("kubectl qperf history trend:\n" + history.out());
      assertEquals(1, history.exitCode(), history.out() + history.err());
      assertTrue(history.out().contains("Regressed"), history.out());
    }
  }

  private ScheduleWork start(String ns, TestClock clock, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(PipelineConfig.NAMESPACES, ns, PipelineConfig.RESYNC_SECONDS, "1"));
    env.putAll(extra);
    PipelineConfig config = PipelineConfig.fromMap(env);
    KubernetesClient pipeline = cluster.as("qperf-system", "qperf-pipeline");
    ScheduleWork work = new ScheduleWork(new QperfCluster(pipeline), new ScheduleCalls(pipeline), config, clock,
        new ScheduleTrends(trendMetrics, 100, "QPERF_METRICS_MAX_SERIES"));
    work.start();
    works.add(work);
    return work;
  }

  private String namespace(String ns) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    namespaces.add(ns);
    return ns;
  }

  private static QperfSchedule create(String ns, String name, ConcurrencyPolicy policy,
      java.util.function.UnaryOperator<QperfScheduleSpec> edit) {
    QperfSpec template = new QperfSpec(null, "-t 1", List.of("tcp_bw"), null, null, 90L, null, null, null, null);
    QperfScheduleSpec spec = new QperfScheduleSpec("* * * * *", null, null, policy, null, null, null, null, null,
        template, null);
    QperfSchedule schedule = new QperfSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    schedule.setSpec(edit == null ? spec : edit.apply(spec));
    return admin.resource(schedule).create();
  }

  /** The first due time of an every-minute schedule: the minute after its creation. */
  private static Instant firstDue(QperfSchedule created) {
    return Instant.parse(created.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.MINUTES)
        .plus(Duration.ofMinutes(1));
  }

  private static void setSuspend(String ns, String name, boolean suspend) {
    admin.resources(QperfSchedule.class).inNamespace(ns).withName(name).edit(s -> {
      QperfScheduleSpec o = s.getSpec();
      s.setSpec(o.withSuspend(suspend));
      return s;
    });
  }

  /** Plays the Qperf controller: the run ends with this phase and one tcp_bw sample of this many bytes/s. */
  private static void end(Qperf run, QperfPhase phase, double bytesPerSecond) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    QperfStatus status = new QperfStatus().setPhase(phase).setRunning(false).setCompleted(true).setStartTime(now)
        .setCompletionTime(now).setReason(phase == QperfPhase.Failed ? "ClientFailed" : null);
    if (phase == QperfPhase.Completed) {
      status.setStatistics(List.of(MetricStatistics.of("tcp_bw", null, null, "bw", "B/s",
          Statistics.of(bytesPerSecond))));
    }
    admin.resources(Qperf.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName())
        .editStatus(q -> {
          q.setStatus(status);
          return q;
        });
  }

  private static List<Qperf> runs(String ns, String schedule) {
    return admin.resources(Qperf.class).inNamespace(ns).withLabels(ScheduleRuns.selector(schedule)).list().getItems()
        .stream().sorted(Comparator.comparing(ScheduleIT::scheduledTime)).toList();
  }

  private static String scheduledTime(Qperf run) {
    return run.getMetadata().getAnnotations().get(QperfResources.ANNOTATION_SCHEDULED_TIME);
  }

  private static QperfScheduleStatus status(String ns, String name) {
    QperfSchedule s = admin.resources(QperfSchedule.class).inNamespace(ns).withName(name).get();
    return s == null ? null : s.getStatus();
  }

  private static QperfSchedule awaitStatus(String ns, String name, Predicate<QperfScheduleStatus> condition) {
    await(ns + "/" + name + " status").atMost(WAIT).until(() -> {
      QperfScheduleStatus s = status(ns, name);
      return s != null && condition.test(s);
    });
    return admin.resources(QperfSchedule.class).inNamespace(ns).withName(name).get();
  }

  private static String reasonOf(QperfScheduleStatus status, String type) {
    return status.conditions() == null ? "" : status.conditions().stream().filter(c -> type.equals(c.getType()))
        .map(c -> c.getReason()).findFirst().orElse("");
  }
}

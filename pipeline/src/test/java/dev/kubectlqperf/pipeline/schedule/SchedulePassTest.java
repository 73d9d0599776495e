package dev.kubectlqperf.pipeline.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.matrix.ScenarioMedians;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.schedule.ConcurrencyPolicy;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.ScheduleRuns;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import dev.kubectlqperf.model.stats.Statistics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulePassTest {

  private static final Instant CREATED = Instant.parse("2026-11-27T10:00:10Z");

  private static QperfSchedule schedule(String cron, ConcurrencyPolicy policy) {
    QperfSchedule s = new QperfSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName("s").withNamespace("ns").withUid("u1").withGeneration(1L)
        .withCreationTimestamp(CREATED.toString()).build());
    s.setSpec(new QperfScheduleSpec(cron, null, null, policy, null, null, null, null, null,
        QperfSpec.of(List.of("tcp_bw"), null), null));
    return s;
  }

  private static Instant minute(int m) {
    return Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * m);
  }

  private static Qperf ended(QperfSchedule s, int m, double bw) {
    Qperf run = (Qperf) ScheduleRuns.run(s, minute(m));
    run.setStatus(new QperfStatus().setPhase(QperfPhase.Completed).setCompletionTime(minute(m).plusSeconds(5)
        .toString()).setStatistics(List.of(MetricStatistics.of("tcp_bw", null, null, "bw", "B/s", Statistics.of(bw)))));
    return run;
  }

  @Test
  void anInvalidScheduleIsAConditionAndOneWarning() {
    QperfSchedule s = schedule("every minute", null);
    SchedulePass.Decision first = SchedulePass.decide(s, List.of(), minute(3), false);
    assertNull(first.toCreate());
    assertEquals("False", first.next().conditions().get(0).getStatus());
    assertEquals("InvalidSchedule", first.next().conditions().get(0).getReason());
    assertTrue(first.next().conditions().get(0).getMessage().contains("has 2 fields"));
    assertEquals(1, first.notes().size());
    s.setStatus(first.next());
    SchedulePass.Decision again = SchedulePass.decide(s, List.of(), minute(4), false);
    assertEquals(0, again.notes().size(), "the warning is not repeated every pass");
    assertEquals(first.next(), again.next(), "and the status does not change");
  }

  @Test
  void aDueTimeCreatesItsRunAndRecordsIt() {
    SchedulePass.Decision d = SchedulePass.decide(schedule("* * * * *", null), List.of(), minute(1).plusSeconds(3),
        false);
    assertEquals(ScheduleRuns.runName("s", minute(1)), d.toCreate().getMetadata().getName());
    assertEquals(minute(1).toString(), d.next().lastScheduleTime());
    assertEquals(minute(2), d.nextDue());
    assertEquals(List.of(d.toCreate().getMetadata().getName()), d.next().active());
    assertEquals(TrendVerdict.InsufficientHistory, d.next().trend().verdict());
  }

  @Test
  void replaceDeletesTheRunningOneAndForbidWaits() {
    QperfSchedule s = schedule("* * * * *", ConcurrencyPolicy.Replace);
    s.setStatus(new QperfScheduleStatus(null, null, minute(1).toString(), null, null, null, null, null, null, null));
    Qperf running = (Qperf) ScheduleRuns.run(s, minute(1));
    SchedulePass.Decision replace = SchedulePass.decide(s, List.of(running), minute(2).plusSeconds(1), false);
    assertEquals(List.of(running), replace.toDelete());
    assertEquals(ScheduleRuns.runName("s", minute(2)), replace.toCreate().getMetadata().getName());

    QperfSchedule forbid = schedule("* * * * *", ConcurrencyPolicy.Forbid);
    forbid.setStatus(s.getStatus());
    SchedulePass.Decision wait = SchedulePass.decide(forbid, List.of(running), minute(2).plusSeconds(1), false);
    assertNull(wait.toCreate());
    assertEquals("RunStillActive", wait.next().conditions().get(0).getReason());
    assertEquals(minute(1).toString(), wait.next().lastScheduleTime(), "the due time stays missed, as a CronJob's");
  }

  @Test
  void aChangeToRegressedIsOnePendingNotificationNotOnePerRun() {
    QperfSchedule s = schedule("0 0 1 1 *", ConcurrencyPolicy.Allow); // nothing due in the test
    List<Qperf> runs = new ArrayList<>();
    for (int m = 1; m <= 5; m++) {
      runs.add(ended(s, m, 1e9));
    }
    runs.add(ended(s, 6, 0.5e9));
    SchedulePass.Decision first = SchedulePass.decide(s, runs, minute(7), true);
    assertEquals(TrendVerdict.Regressed, first.next().trend().verdict());
    assertEquals(QperfScheduleStatus.NOTIFICATION_PENDING, first.next().trendNotification());
    assertTrue(first.notes().stream().anyMatch(n -> n.warning() && n.reason().equals("TrendRegressed")));
    assertEquals("True", first.next().conditions().get(1).getStatus());

    s.setStatus(first.next().withTrendNotification(QperfScheduleStatus.NOTIFICATION_SENT));
    runs.add(ended(s, 7, 0.5e9));
    SchedulePass.Decision second = SchedulePass.decide(s, runs, minute(8), true);
    assertEquals(TrendVerdict.Regressed, second.next().trend().verdict());
    assertEquals(QperfScheduleStatus.NOTIFICATION_SENT, second.next().trendNotification());
    assertTrue(second.notes().isEmpty());
    assertEquals(first.next().conditions().get(1).getLastTransitionTime(),
        second.next().conditions().get(1).getLastTransitionTime());
  }

  @Test
  void withoutSlackTheNotificationSaysSo() {
    QperfSchedule s = schedule("0 0 1 1 *", ConcurrencyPolicy.Allow);
    List<Qperf> runs = new ArrayList<>();
    for (int m = 1; m <= 5; m++) {
      runs.add(ended(s, m, 1e9));
    }
    runs.add(ended(s, 6, 0.5e9));
    assertEquals(QperfScheduleStatus.NOTIFICATION_NOT_CONFIGURED,
        SchedulePass.decide(s, runs, minute(7), false).next().trendNotification());
  }

  private static QperfSchedule matrixSchedule(ConcurrencyPolicy policy) {
    QperfSchedule s = schedule("* * * * *", policy);
    s.setSpec(new QperfScheduleSpec("* * * * *", null, null, policy, null, 1, 1, null, null, null,
        QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_lat"), null))));
    return s;
  }

  private static QperfMatrix endedMatrix(QperfSchedule s, int m, QperfPhase phase) {
    QperfMatrix run = (QperfMatrix) ScheduleRuns.run(s, minute(m));
    run.setStatus(new QperfMatrixStatus().setPhase(phase).setVerdict(MatrixVerdict.Passed)
        .setCompletionTime(minute(m).plusSeconds(30).toString())
        .setMedians(List.of(new ScenarioMedians(Scenario.PodToPod, 2, null, 30e-6))));
    return run;
  }

  @Test
  void aMatrixScheduleCreatesMatricesWaitsForThemAndPrunesThemOnTheSamePath() {
    QperfSchedule s = matrixSchedule(null);
    SchedulePass.Decision first = SchedulePass.decide(s, List.of(), minute(1).plusSeconds(2), false);
    QperfMatrix created = assertInstanceOf(QperfMatrix.class, first.toCreate());
    assertEquals(ScheduleRuns.runName("s", minute(1)), created.getMetadata().getName());
    assertEquals(s.getSpec().matrixTemplate(), created.getSpec());

    s.setStatus(first.next());
    SchedulePass.Decision forbid = SchedulePass.decide(s, List.of(created), minute(2).plusSeconds(1), false);
    assertNull(forbid.toCreate(), "Forbid: a matrix that still runs holds the next one back");
    assertEquals("RunStillActive", forbid.next().conditions().get(0).getReason());

    List<HasMetadata> runs = List.of(endedMatrix(s, 1, QperfPhase.Completed), endedMatrix(s, 2, QperfPhase.Completed),
        (Qperf) ScheduleRuns.run(schedule("* * * * *", null), minute(0)));
    ((Qperf) runs.get(2)).setStatus(new QperfStatus().setPhase(QperfPhase.Completed));
    SchedulePass.Decision later = SchedulePass.decide(s, runs, minute(3).plusSeconds(1), false);
    assertEquals(ScheduleRuns.runName("s", minute(3)), later.toCreate().getMetadata().getName());
    assertEquals(List.of(runs.get(0), runs.get(2)), later.toPrune(),
        "one completed run kept; a Qperf left from the template before counts as a run too");
    assertEquals("PodToPod latency", later.next().runs().get(1).metrics().get(0).label());
    assertEquals("Passed", later.next().runs().get(1).verdict());
  }

  @Test
  void bothTemplatesMakeAnInvalidScheduleThatCreatesNothing() {
    QperfSchedule s = matrixSchedule(null);
    QperfScheduleSpec o = s.getSpec();
    s.setSpec(new QperfScheduleSpec(o.schedule(), null, null, null, null, null, null, null, null,
        QperfSpec.of(List.of("tcp_bw"), null), o.matrixTemplate()));
    SchedulePass.Decision d = SchedulePass.decide(s, List.of(), minute(3), false);
    assertNull(d.toCreate());
    assertEquals("False", d.next().conditions().get(0).getStatus());
    assertEquals("InvalidSchedule", d.next().conditions().get(0).getReason());
    assertTrue(d.next().conditions().get(0).getMessage().contains("both set"), d.next().conditions().toString());
    assertEquals("InvalidSchedule", d.notes().get(0).reason());
  }

  @Test
  void suspendedCreatesNothingAndHasNoNextDueTime() {
    QperfSchedule s = schedule("* * * * *", null);
    QperfScheduleSpec o = s.getSpec();
    s.setSpec(o.withSuspend(true));
    SchedulePass.Decision d = SchedulePass.decide(s, List.of(), minute(5), false);
    assertNull(d.toCreate());
    assertNull(d.next().nextScheduleTime());
    assertEquals("Suspended", d.next().conditions().get(0).getReason());
  }
}

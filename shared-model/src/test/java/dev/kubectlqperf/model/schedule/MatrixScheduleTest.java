package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.matrix.ScenarioMedians;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule whose template is a QperfMatrix spec: validation, the child-kind seam, matrix summaries. */
class MatrixScheduleTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final QperfMatrixSpec MATRIX = QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_lat"), null));

  private static QperfSchedule schedule(QperfScheduleSpec spec) {
    QperfSchedule s = new QperfSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName("mx").withNamespace("ns").withUid("u-9").build());
    s.setSpec(spec);
    return s;
  }

  private static QperfMatrix run(int minute, QperfPhase phase, MatrixVerdict verdict, Double bandwidth, Double latency) {
    QperfMatrix m = (QperfMatrix) ScheduleRuns.run(schedule(QperfScheduleSpec.ofMatrix("* * * * *", MATRIX)),
        T0.plusSeconds(60L * minute));
    if (phase != null) {
      m.setStatus(new QperfMatrixStatus().setPhase(phase).setVerdict(verdict).setCompletionTime(T0.toString())
          .setMedians(List.of(new ScenarioMedians(Scenario.PodToPod, 2, bandwidth, latency))));
    }
    return m;
  }

  @Test
  void theSampleReadsStrictlyAndIsValid() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/samples/qperfschedule-matrix.yaml")) {
      QperfSchedule schedule = Fixtures.STRICT_YAML.readValue(in, QperfSchedule.class);
      assertEquals(List.of(), ScheduleValidator.errors(schedule));
      assertEquals(RunKind.MATRIX, RunKind.of(schedule.getSpec()));
      assertEquals(List.of("tcp_bw", "tcp_lat"), schedule.getSpec().matrixTemplate().template().tests());
    }
  }

  @Test
  void bothTemplatesOrNeitherIsRefusedPlainly() {
    QperfScheduleSpec both = new QperfScheduleSpec("* * * * *", null, null, null, null, null, null, null, null,
        QperfSpec.of(List.of("tcp_bw"), null), MATRIX);
    List<String> errors = ScheduleValidator.errors(schedule(both));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("spec.qperfTemplate and spec.matrixTemplate are both set"), errors.get(0));

    List<String> neither = ScheduleValidator.errors(schedule(QperfScheduleSpec.of("* * * * *", null)));
    assertEquals(1, neither.size(), neither.toString());
    assertTrue(neither.get(0).contains("spec.qperfTemplate is missing") && neither.get(0).contains("matrixTemplate"),
        neither.get(0));
  }

  @Test
  void aBadMatrixTemplateIsNamedWhereItIs() {
    QperfMatrixSpec bad = new QperfMatrixSpec(null, null, null, 0, null, null, null, null,
        QperfSpec.of(List.of("tcp_nope"), null), null, null);
    List<String> errors = ScheduleValidator.errors(schedule(QperfScheduleSpec.ofMatrix("* * * * *", bad)));
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("spec.matrixTemplate.maxNodes")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("spec.matrixTemplate.template.tests")), errors.toString());
    List<String> noTemplate = ScheduleValidator.errors(schedule(QperfScheduleSpec.ofMatrix("* * * * *",
        QperfMatrixSpec.allPairs(null))));
    assertEquals(List.of("spec.matrixTemplate.template: required, with at least spec.template.tests"), noTemplate);
  }

  @Test
  void theTemplateDecidesTheKindOfChildAndBothShareNameLabelsAndOwner() {
    Instant due = T0.plusSeconds(120);
    HasMetadata qperf = ScheduleRuns.run(schedule(QperfScheduleSpec.of("* * * * *", QperfSpec.of(List.of("tcp_bw"),
        null))), due);
    HasMetadata matrix = ScheduleRuns.run(schedule(QperfScheduleSpec.ofMatrix("* * * * *", MATRIX)), due);
    assertInstanceOf(Qperf.class, qperf);
    assertInstanceOf(QperfMatrix.class, matrix);
    assertEquals(MATRIX, ((QperfMatrix) matrix).getSpec());
    assertEquals(RunKind.MATRIX, RunKind.of(matrix));
    assertEquals(RunKind.QPERF, RunKind.of(qperf));
    assertEquals(qperf.getMetadata().getName(), matrix.getMetadata().getName());
    assertEquals(ScheduleRuns.runName("mx", due), matrix.getMetadata().getName());
    assertEquals(qperf.getMetadata().getLabels(), matrix.getMetadata().getLabels());
    assertEquals(qperf.getMetadata().getAnnotations(), matrix.getMetadata().getAnnotations());
    assertEquals(qperf.getMetadata().getOwnerReferences(), matrix.getMetadata().getOwnerReferences());
    assertTrue(ScheduleRuns.ownedBy(matrix, schedule(null)));
    assertEquals(QperfMatrix.class, RunKind.MATRIX.type());
  }

  @Test
  void aMatrixRunIsSummedUpByItsClusterMediansAndVerdict() {
    RunSummary pending = RunKind.summaryOf(run(1, null, null, null, null));
    assertNull(pending.phase());
    assertNull(pending.metrics());

    RunSummary done = RunKind.summaryOf(run(2, QperfPhase.Completed, MatrixVerdict.Degraded, 1.2e9, 30e-6));
    assertTrue(done.completed());
    assertEquals("Degraded", done.verdict());
    assertEquals(List.of("PodToPod bw", "PodToPod latency"), done.metrics().stream().map(RunMetric::label).toList());
    assertEquals(1.2e9, done.metrics().get(0).mean());
    assertEquals("B/s", done.metrics().get(0).unit());
    assertEquals(30e-6, done.metrics().get(1).mean());
    assertEquals("s", done.metrics().get(1).unit());
    assertEquals(2, done.metrics().get(1).count(), "the pairs behind the median");
    assertNull(done.metrics().get(1).ci95Low(), "a median has no interval: the threshold judges it");
  }

  @Test
  void matrixRunsArePrunedAndJudgedByTheSameRulesAsQperfRuns() {
    List<QperfMatrix> runs = new ArrayList<>();
    double[] latencyUs = {30, 31, 29, 30, 30, 45};
    for (int m = 0; m < latencyUs.length; m++) {
      runs.add(run(m, QperfPhase.Completed, MatrixVerdict.Passed, null, latencyUs[m] * 1e-6));
    }
    runs.add(run(6, QperfPhase.Failed, MatrixVerdict.Failed, null, null));
    runs.add(run(7, QperfPhase.Running, null, null, null));
    List<String> pruned = RunHistory.toPrune(runs, 2, 1).stream().map(r -> r.getMetadata().getName()).toList();
    assertEquals(runs.subList(0, 4).reversed().stream().map(r -> r.getMetadata().getName()).toList(), pruned,
        "the two newest completed, the failed and the running one are kept");

    List<RunSummary> history = RunHistory.merge(List.of(), runs);
    assertEquals(runs.get(7).getMetadata().getName(), history.get(0).name());
    Trend trend = TrendAnalysis.of(history, 5, 5, null);
    assertEquals(TrendVerdict.Regressed, trend.verdict(), trend.toString());
    assertEquals("PodToPod latency", trend.metric());
    assertEquals(runs.get(5).getMetadata().getName(), trend.latestRun());
  }
}

package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Summary;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  static Qperf child(String schedule, int minute, QperfPhase phase) {
    Instant due = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * minute);
    QperfSchedule s = new QperfSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName(schedule).withNamespace("ns").withUid("u-1").build());
    s.setSpec(QperfScheduleSpec.of("* * * * *", QperfSpec.of(List.of("tcp_bw"), null)));
    Qperf run = (Qperf) ScheduleRuns.run(s, due);
    if (phase != null) {
      run.setStatus(new QperfStatus().setPhase(phase).setCompletionTime(due.plusSeconds(20).toString()));
    }
    return run;
  }

  static MetricStatistics bw(double mean) {
    return MetricStatistics.of("tcp_bw", null, null, "bw", "B/s", new Summary(1, mean, null, null, mean, mean, mean,
        mean, mean, null, null));
  }

  @Test
  void aRunIsNamedAfterItsDueMinuteAndLabelledWithItsSchedule() {
    Qperf run = child("nightly", 3, null);
    assertEquals("nightly-" + (Instant.parse("2026-11-27T10:03:00Z").getEpochSecond() / 60), run.getMetadata().getName());
    assertEquals("nightly", run.getMetadata().getLabels().get("perf.kubestone.xridge.io/schedule"));
    assertEquals("2026-11-27T10:03:00Z", RunHistory.scheduledTime(run));
    assertEquals("QperfSchedule", run.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("u-1", run.getMetadata().getOwnerReferences().get(0).getUid());
  }

  @Test
  void aSummaryKeepsTheHeadlineMetricsOnly() {
    Qperf run = child("s", 1, QperfPhase.Completed);
    MetricStatistics cost = MetricStatistics.of("tcp_bw", null, null, "send_cost", "s/GB",
        new Summary(1, 2, null, null, 2, 2, 2, 2, 2, null, null));
    run.getStatus().setStatistics(List.of(bw(1e9), cost));
    RunSummary summary = RunHistory.summaryOf(run);
    assertEquals(1, summary.metrics().size());
    assertEquals("tcp_bw bw", summary.metrics().get(0).label());
    assertEquals(1e9, summary.metrics().get(0).mean());
    assertEquals(QperfPhase.Completed, summary.phase());
  }

  @Test
  void theHistoryOutlivesPrunedRunsNewestFirstAndBounded() {
    List<RunSummary> previous = new ArrayList<>();
    for (int m = 0; m < RunHistory.MAX_RUNS; m++) {
      previous.add(RunHistory.summaryOf(child("s", m, QperfPhase.Completed)));
    }
    Qperf newest = child("s", 100, null);
    List<RunSummary> merged = RunHistory.merge(previous, List.of(newest));
    assertEquals(RunHistory.MAX_RUNS, merged.size());
    assertEquals(newest.getMetadata().getName(), merged.get(0).name());
    assertNull(merged.get(0).phase());
    assertEquals(previous.get(RunHistory.MAX_RUNS - 1).name(), merged.get(1).name());
    assertEquals(previous.get(1).name(), merged.get(RunHistory.MAX_RUNS - 1).name()); // the oldest one dropped
  }

  @Test
  void theChildReplacesItsOwnEarlierSummary() {
    Qperf run = child("s", 1, null);
    List<RunSummary> before = RunHistory.merge(List.of(), List.of(run));
    run.setStatus(new QperfStatus().setPhase(QperfPhase.Failed).setReason("ClientFailed"));
    List<RunSummary> after = RunHistory.merge(before, List.of(run));
    assertEquals(1, after.size());
    assertEquals("ClientFailed", after.get(0).reason());
  }

  @Test
  void pruningKeepsTheNewestOfEachKindAndNeverARunningOne() {
    List<Qperf> children = List.of(child("s", 1, QperfPhase.Completed), child("s", 2, QperfPhase.Failed),
        child("s", 3, QperfPhase.Completed), child("s", 4, QperfPhase.Failed), child("s", 5, QperfPhase.Completed),
        child("s", 6, QperfPhase.Running), child("s", 7, null));
    List<String> pruned = RunHistory.toPrune(children, 2, 1).stream().map(q -> q.getMetadata().getName()).toList();
    assertEquals(List.of(children.get(1).getMetadata().getName(), children.get(0).getMetadata().getName()), pruned);
    assertEquals(5, RunHistory.toPrune(children, 0, 0).size());
    assertEquals(0, RunHistory.toPrune(children, 3, 2).size());
  }

  @Test
  void aRunWithoutTheAnnotationSortsByItsCreation() {
    Qperf run = child("s", 1, null);
    run.getMetadata().setAnnotations(Map.of());
    run.getMetadata().setCreationTimestamp("2026-11-27T09:00:00Z");
    assertEquals("2026-11-27T09:00:00Z", RunHistory.scheduledTime(run));
    assertEquals(QperfResources.LABEL_SCHEDULE, "perf.kubestone.xridge.io/schedule");
  }
}

package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.model.matrix.ScenarioMedians;
import dev.kubectlqperf.model.result.MetricStatistics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schedule's history: the summaries of its runs (Qperves or QperfMatrices), kept after the runs
 * themselves are pruned, and which runs to prune. Runs sort by their due time (the child's
 * annotation), newest first. Pure.
 */
public final class RunHistory {

  /** The status keeps at most this many runs. */
  public static final int MAX_RUNS = 30;
  /** The headline metrics a summary keeps (the others stay in the child's status and the sinks). */
  static final Set<String> HEADLINE_METRICS = Set.of("bw", "latency", "msg_rate");
  static final int MAX_METRICS = 6;

  private static final Comparator<RunSummary> NEWEST_FIRST = Comparator.comparing(
      (RunSummary r) -> r.scheduledTime() == null ? "" : r.scheduledTime()).reversed();

  private RunHistory() {}

  /** The due time a child was created for; its creation time when it lacks the annotation. */
  public static String scheduledTime(HasMetadata child) {
    Map<String, String> annotations = child.getMetadata().getAnnotations();
    String time = annotations == null ? null : annotations.get(QperfResources.ANNOTATION_SCHEDULED_TIME);
    return time != null ? time : child.getMetadata().getCreationTimestamp();
  }

  public static RunSummary summaryOf(Qperf child) {
    QperfStatus status = child.getStatus();
    if (status == null) {
      return new RunSummary(child.getMetadata().getName(), scheduledTime(child), null, null, null, null, null);
    }
    List<RunMetric> metrics = status.getStatistics() == null ? List.of() : status.getStatistics().stream()
        .filter(RunHistory::headline).limit(MAX_METRICS).map(RunMetric::of).toList();
    return new RunSummary(child.getMetadata().getName(), scheduledTime(child), status.getCompletionTime(),
        status.getPhase(), status.getVerdict() == null ? null : status.getVerdict().name(), status.getReason(),
        metrics.isEmpty() ? null : metrics);
  }

  /**
   * A matrix run's summary: its phase and verdict, and as headline numbers the cluster medians of
   * each scenario (bandwidth and latency over the pairs, test named after the scenario). A median
   * has no confidence interval: the trend judges it by the threshold, as a single-sample run.
   */
  public static RunSummary summaryOf(QperfMatrix child) {
    QperfMatrixStatus status = child.getStatus();
    if (status == null) {
      return new RunSummary(child.getMetadata().getName(), scheduledTime(child), null, null, null, null, null);
    }
    List<RunMetric> metrics = new ArrayList<>();
    for (ScenarioMedians m : status.getMedians() == null ? List.<ScenarioMedians>of() : status.getMedians()) {
      String scenario = m.scenario() == null ? "matrix" : m.scenario().name();
      if (m.bandwidth() != null) {
        metrics.add(new RunMetric(scenario, "bw", "B/s", m.pairs(), m.bandwidth(), null, null));
      }
      if (m.latency() != null) {
        metrics.add(new RunMetric(scenario, "latency", "s", m.pairs(), m.latency(), null, null));
      }
    }
    List<RunMetric> kept = metrics.subList(0, Math.min(MAX_METRICS, metrics.size()));
    return new RunSummary(child.getMetadata().getName(), scheduledTime(child), status.getCompletionTime(),
        status.getPhase(), status.getVerdict() == null ? null : status.getVerdict().name(), status.getReason(),
        kept.isEmpty() ? null : List.copyOf(kept));
  }

  private static boolean headline(MetricStatistics s) {
    return HEADLINE_METRICS.contains(s.metric()) && (s.loop() == null || s.loop().isEmpty()) && s.occurrence() == null;
  }

  /**
   * The history after this pass: every child's current summary, and the earlier summaries of runs
   * that no longer exist, newest first, at most {@link #MAX_RUNS}.
   */
  public static List<RunSummary> merge(List<RunSummary> previous, List<? extends HasMetadata> children) {
    Map<String, RunSummary> byName = new LinkedHashMap<>();
    previous.forEach(r -> byName.put(r.name(), r));
    children.forEach(c -> byName.put(c.getMetadata().getName(), RunKind.summaryOf(c)));
    List<RunSummary> runs = new ArrayList<>(byName.values());
    runs.sort(NEWEST_FIRST);
    return List.copyOf(runs.subList(0, Math.min(MAX_RUNS, runs.size())));
  }

  /** The ended children beyond the limits, oldest of each kind: completed ones and failed ones are counted apart. */
  public static <C extends HasMetadata> List<C> toPrune(List<C> children, int successfulLimit, int failedLimit) {
    List<C> ended = children.stream().filter(c -> RunKind.summaryOf(c).ended())
        .sorted(Comparator.comparing((C c) -> scheduledTime(c), Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed())
        .toList();
    List<C> prune = new ArrayList<>();
    int completed = 0;
    int failed = 0;
    for (C child : ended) {
      boolean ok = RunKind.summaryOf(child).completed();
      int kept = ok ? ++completed : ++failed;
      if (kept > (ok ? successfulLimit : failedLimit)) {
        prune.add(child);
      }
    }
    return prune;
  }
}

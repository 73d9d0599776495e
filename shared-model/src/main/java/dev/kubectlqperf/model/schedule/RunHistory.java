package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.MetricStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schedule's history: the summaries of its runs, kept after the runs themselves are pruned, and
 * which runs to prune. Runs sort by their due time (the child's annotation), newest first. Pure.
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
  public static String scheduledTime(Qperf child) {
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
        status.getPhase(), status.getVerdict(), status.getReason(), metrics.isEmpty() ? null : metrics);
  }

  private static boolean headline(MetricStatistics s) {
    return HEADLINE_METRICS.contains(s.metric()) && (s.loop() == null || s.loop().isEmpty()) && s.occurrence() == null;
  }

  /**
   * The history after this pass: every child's current summary, and the earlier summaries of runs
   * that no longer exist, newest first, at most {@link #MAX_RUNS}.
   */
  public static List<RunSummary> merge(List<RunSummary> previous, List<Qperf> children) {
    Map<String, RunSummary> byName = new LinkedHashMap<>();
    previous.forEach(r -> byName.put(r.name(), r));
    children.forEach(c -> byName.put(c.getMetadata().getName(), summaryOf(c)));
    List<RunSummary> runs = new ArrayList<>(byName.values());
    runs.sort(NEWEST_FIRST);
    return List.copyOf(runs.subList(0, Math.min(MAX_RUNS, runs.size())));
  }

  /** The ended children beyond the limits, oldest of each kind: completed ones and failed ones are counted apart. */
  public static List<Qperf> toPrune(List<Qperf> children, int successfulLimit, int failedLimit) {
    List<Qperf> ended = children.stream().filter(Qperf::ended)
        .sorted(Comparator.comparing(RunHistory::scheduledTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed())
        .toList();
    List<Qperf> prune = new ArrayList<>();
    int completed = 0;
    int failed = 0;
    for (Qperf child : ended) {
      boolean ok = child.getStatus().getPhase() == dev.kubectlqperf.model.QperfPhase.Completed;
      int kept = ok ? ++completed : ++failed;
      if (kept > (ok ? successfulLimit : failedLimit)) {
        prune.add(child);
      }
    }
    return prune;
  }
}

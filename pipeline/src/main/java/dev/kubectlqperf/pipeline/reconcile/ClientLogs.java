package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.run.ClientPodResult;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the logs of a run's ended client pods. A log that cannot be read now (5xx, 429, a kubelet
 * that does not answer) is read again later, with a growing pause, for {@code retryWindow} after
 * its pod ended; a log that is gone for good (the pod was deleted) or stays unreadable is recorded
 * as unavailable. Never is an unread log taken for an empty one.
 */
final class ClientLogs {

  private static final Duration MIN_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

  private final QperfCluster cluster;
  private final Duration retryWindow;

  ClientLogs(QperfCluster cluster, Duration retryWindow) {
    this.cluster = cluster;
    this.retryWindow = retryWindow;
  }

  /**
   * The logs of the ended pods among {@code clientPods} (every client pod of the run), one per
   * stream; a pod enters the reading only when the logs of all its streams were read.
   */
  Reading read(Qperf run, List<Pod> clientPods, Instant now) {
    List<Pod> ended = clientPods.stream().filter(ClientPodResult::ended)
        .sorted(Comparator.comparingInt(QperfResources::repetitionOf)).toList();
    Map<Pod, Map<String, String>> logs = new LinkedHashMap<>();
    List<String> unavailable = new ArrayList<>(deletedRepetitions(clientPods));
    Duration retryIn = null;
    for (Pod pod : ended) {
      Map<String, String> streams = new LinkedHashMap<>();
      for (String container : QperfResources.clientContainers(run)) {
        try {
          streams.put(container, cluster.clientLog(pod, container));
        } catch (KubernetesClientException e) {
          String why = "the log of client pod " + pod.getMetadata().getName()
              + (run.parallel() == 1 ? "" : " container " + container) + " cannot be read (" + describe(e) + ")";
          Duration since = Duration.between(endedAt(pod, now), now);
          if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND && since.compareTo(retryWindow) < 0) {
            Duration pause = since.dividedBy(4);
            pause = pause.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
            retryIn = retryIn == null || pause.compareTo(retryIn) < 0 ? pause : retryIn;
          } else {
            unavailable.add(why);
          }
        }
      }
      if (streams.size() == run.parallel()) {
        logs.put(pod, streams);
      }
    }
    return new Reading(logs, unavailable, retryIn);
  }

  /** Repetitions below the latest one whose pod is no longer there: deleted before its log was read. */
  private static List<String> deletedRepetitions(List<Pod> clientPods) {
    Set<Integer> present = clientPods.stream().map(QperfResources::repetitionOf).collect(Collectors.toSet());
    int latest = present.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<String> missing = new ArrayList<>();
    for (int n = 1; n < latest; n++) {
      if (!present.contains(n)) {
        missing.add("repetition " + n + ": its client pod was deleted before its log was read");
      }
    }
    return missing;
  }

  /** When the container ended; for a pod that ended without one (evicted, say), when it was created. */
  private static Instant endedAt(Pod pod, Instant now) {
    ContainerStateTerminated t = ClientPodResult.terminated(pod);
    String when = t != null && t.getFinishedAt() != null ? t.getFinishedAt() : pod.getMetadata().getCreationTimestamp();
    return when == null ? now : Instant.parse(when);
  }

  private static String describe(KubernetesClientException e) {
    String status = e.getStatus() == null ? null : e.getStatus().getMessage();
    return e.getCode() > 0 ? "HTTP " + e.getCode() + (status == null ? "" : ": " + status)
        : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }

  /**
   * What could be read: the logs of the ended pods, why some repetitions have none, and, when a
   * log could not be read now but may be later, when to try again (then nothing else counts yet).
   */
  record Reading(Map<Pod, Map<String, String>> logs, List<String> unavailable, Duration retryIn) {

    boolean complete() {
      return unavailable.isEmpty();
    }

    /**
     * The run's document from the logs that were read; {@code whyIncomplete} (the reason a run
     * ended early) is recorded when fewer repetitions ended than the spec asks for.
     */
    QperfResult document(Qperf run, Instant now, String whyIncomplete) {
      return ClientPodResult.ofRun(run, List.copyOf(logs.keySet()), (pod, container) -> logs.get(pod).get(container),
          now, unavailable, whyIncomplete);
    }
  }
}

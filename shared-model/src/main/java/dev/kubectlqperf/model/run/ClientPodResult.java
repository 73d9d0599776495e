package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/** The result document of a run, from its client pods and their logs. Pure. */
public final class ClientPodResult {

  private ClientPodResult() {}

  public static QperfResult of(Qperf qperf, Pod client, String log, Instant now) {
    ContainerStateTerminated terminated = terminated(client);
    Integer exitCode = terminated == null ? null : terminated.getExitCode();
    QperfResult parsed = QperfOutputParser.parse(log, exitCode);
    String end = terminated != null && terminated.getFinishedAt() != null ? terminated.getFinishedAt() : now.toString();
    String version = parsed.run() == null ? null : parsed.run().qperfVersion();
    return parsed.withRun(
        RunIdentities.of(qperf, end, client.getSpec() == null ? null : client.getSpec().getNodeName(), version)
            .withRepetition(QperfResources.repetitionOf(client)));
  }

  /**
   * The document of a whole run from its client pods and their logs: the pods that ended, in
   * repetition order. When fewer ended than the spec asks for, {@code whyIncomplete} (e.g. the
   * run's timeout) is recorded as the reason the others are missing.
   */
  public static QperfResult ofRun(Qperf qperf, List<Pod> clients, BiFunction<Pod, String, String> logOf, Instant now,
      String whyIncomplete) {
    return ofRun(qperf, clients, logOf, now, List.of(), whyIncomplete);
  }

  /**
   * The same, when the logs of some repetitions could not be read: {@code unread} says why those are
   * missing, and is then the reason recorded instead of {@code whyIncomplete}.
   */
  public static QperfResult ofRun(Qperf qperf, List<Pod> clients, BiFunction<Pod, String, String> logOf, Instant now,
      List<String> unread, String whyIncomplete) {
    List<QperfResult> repetitions = clients.stream().filter(ClientPodResult::ended)
        .sorted(Comparator.comparingInt(QperfResources::repetitionOf))
        .map(pod -> qperf.parallel() == 1
            ? of(qperf, pod, Objects.requireNonNullElse(logOf.apply(pod, QperfResources.CLIENT_CONTAINER), ""), now)
            : StreamDocuments.of(qperf, pod, container -> logOf.apply(pod, container), now))
        .toList();
    int expected = qperf.repetitions();
    List<String> runErrors = new ArrayList<>(unread);
    if (runErrors.isEmpty() && repetitions.size() < expected && whyIncomplete != null) {
      runErrors.add(whyIncomplete);
    }
    return RunDocument.of(qperf, repetitions, runErrors);
  }

  /** A client pod is done when the kubelet says so; its log is then complete. */
  public static boolean ended(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** The named container's termination, or null while it has not ended. */
  public static ContainerStateTerminated terminated(Pod pod, String container) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(cs -> container.equals(cs.getName()) && cs.getState() != null && cs.getState().getTerminated() != null)
        .map(cs -> cs.getState().getTerminated()).findFirst().orElse(null);
  }

  /** The container's termination, or null while it has not ended. */
  public static ContainerStateTerminated terminated(Pod pod) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
      if (cs.getState() != null && cs.getState().getTerminated() != null) {
        return cs.getState().getTerminated();
      }
    }
    return null;
  }
}

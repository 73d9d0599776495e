package dev.kubectlqperf.model.result;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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
        RunIdentity.of(qperf, end, client.getSpec() == null ? null : client.getSpec().getNodeName(), version)
            .withRepetition(QperfResources.repetitionOf(client)));
  }

  /**
   * The document of a whole run from its ended client pods (in repetition order) and their logs;
   * {@code runErrors} say why the run ended before all its repetitions did.
   */
  public static QperfResult ofRun(Qperf qperf, List<Pod> endedClients, Function<Pod, String> logOf, Instant now,
      List<String> runErrors) {
    List<QperfResult> repetitions = endedClients.stream()
        .map(pod -> of(qperf, pod, Objects.requireNonNullElse(logOf.apply(pod), ""), now)).toList();
    return RunDocument.of(qperf, repetitions, runErrors);
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

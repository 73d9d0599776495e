package dev.kubectlqperf.model.result;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/** The result document of a run, from its client pod and that pod's log. Pure. */
public final class ClientPodResult {

  private ClientPodResult() {}

  public static QperfResult of(Qperf qperf, Pod client, String log, Instant now) {
    ContainerStateTerminated terminated = terminated(client);
    Integer exitCode = terminated == null ? null : terminated.getExitCode();
    QperfResult parsed = QperfOutputParser.parse(log, exitCode);
    String end = terminated != null && terminated.getFinishedAt() != null ? terminated.getFinishedAt() : now.toString();
    String version = parsed.run() == null ? null : parsed.run().qperfVersion();
    return parsed.withRun(
        RunIdentity.of(qperf, end, client.getSpec() == null ? null : client.getSpec().getNodeName(), version));
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

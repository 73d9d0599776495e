package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.result.ClientPodResult;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.plugin.CliException;
import dev.kubectlqperf.plugin.ExitCodes;
import dev.kubectlqperf.plugin.QperfApi;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/** The full result document of a run, from its client pod's log (the raw record). */
final class ClientResults {

  private ClientResults() {}

  static QperfResult load(QperfApi api, Qperf qperf) {
    Pod pod = api.clientPod(qperf);
    if (pod == null) {
      throw new CliException(ExitCodes.NOT_FOUND, "run " + qperf.getMetadata().getName() + " has no client pod "
          + QperfResources.clientPodName(qperf) + (qperf.getStatus() != null && qperf.getStatus().getMessage() != null
              ? " (" + qperf.getStatus().getReason() + ": " + qperf.getStatus().getMessage() + ")" : ""));
    }
    if (ClientPodResult.terminated(pod) == null) {
      throw new CliException(ExitCodes.FAILURE, "the client of run " + qperf.getMetadata().getName()
          + " has not finished yet (kubectl qperf logs -f " + qperf.getMetadata().getName() + " follows it)");
    }
    String log = api.log(pod.getMetadata().getName(), QperfResources.CLIENT_CONTAINER);
    return ClientPodResult.of(qperf, pod, log == null ? "" : log, Instant.now());
  }
}

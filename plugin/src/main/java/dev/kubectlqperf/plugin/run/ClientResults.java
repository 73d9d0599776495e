package dev.kubectlqperf.plugin.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.run.ClientPodResult;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;

/** The full result document of a run, from its client pods' logs (the raw record). */
public final class ClientResults {

  private ClientResults() {}

  public static QperfResult load(QperfApi api, Qperf qperf) {
    String name = qperf.getMetadata().getName();
    List<Pod> pods = api.clientPods(qperf);
    QperfStatus status = qperf.getStatus();
    boolean finished = qperf.ended();
    if (pods.isEmpty()) {
      throw new CliException(ExitCodes.NOT_FOUND, "run " + name + " has no client pod "
          + QperfResources.clientPodName(qperf) + (status != null && status.getMessage() != null
              ? " (" + status.getReason() + ": " + status.getMessage() + ")" : ""));
    }
    int expected = qperf.repetitions();
    long ended = pods.stream().filter(ClientPodResult::ended).count();
    if (ended == 0 || ended < expected && !finished) {
      throw new CliException(ExitCodes.FAILURE, "run " + name + " has not finished yet"
          + (expected > 1 ? " (" + ended + " of " + expected + " repetitions ended)" : "")
          + " (kubectl qperf logs -f " + name + " follows it)");
    }
    String whyIncomplete = status == null ? null : status.getReason() + ": " + status.getMessage();
    return ClientPodResult.ofRun(qperf, pods,
        (pod, container) -> api.log(pod.getMetadata().getName(), container), Instant.now(), whyIncomplete);
  }
}

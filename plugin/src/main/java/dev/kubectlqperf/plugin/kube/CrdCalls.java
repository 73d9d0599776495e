package dev.kubectlqperf.plugin.kube;

import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** A request to a custom resource, its 404 without an object name read as the CRD not being installed. */
final class CrdCalls {

  private CrdCalls() {}

  static <T> T call(Supplier<T> request, String crdMissing) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && (e.getStatus() == null || e.getStatus().getDetails() == null
          || e.getStatus().getDetails().getName() == null)) {
        throw new CliException(ExitCodes.UNREACHABLE, crdMissing, e);
      }
      throw e;
    }
  }
}

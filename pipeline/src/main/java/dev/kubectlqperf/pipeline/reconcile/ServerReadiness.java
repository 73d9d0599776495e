package dev.kubectlqperf.pipeline.reconcile;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * The server is ready when its Deployment is available, its Service has a ready address, and a
 * server pod runs with none being deleted (after a restart, the Deployment's and the Endpoints'
 * status may still speak of the old pod).
 */
final class ServerReadiness {

  private ServerReadiness() {}

  static boolean available(Deployment deployment) {
    return deployment != null && deployment.getStatus() != null
        && deployment.getStatus().getAvailableReplicas() != null && deployment.getStatus().getAvailableReplicas() > 0;
  }

  static boolean hasReadyAddress(Endpoints endpoints) {
    if (endpoints == null || endpoints.getSubsets() == null) {
      return false;
    }
    for (EndpointSubset subset : endpoints.getSubsets()) {
      if (subset.getAddresses() != null && !subset.getAddresses().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static boolean onlyLivePods(List<Pod> pods) {
    return pods.stream().noneMatch(p -> p.getMetadata().getDeletionTimestamp() != null)
        && pods.stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
  }
}

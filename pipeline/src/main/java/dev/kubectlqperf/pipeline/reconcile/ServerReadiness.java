package dev.kubectlqperf.pipeline.reconcile;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The server is ready when its Deployment is available and its Service has a ready address. */
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
}

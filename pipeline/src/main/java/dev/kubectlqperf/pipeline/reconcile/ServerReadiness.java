package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.ServiceType;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The server is ready when its Deployment is available, a server pod is Ready with none being
 * deleted (after a restart, the Deployment's and the Endpoints' status may still speak of the old
 * pod), and its Service has an address. Pure.
 */
final class ServerReadiness {

  private ServerReadiness() {}

  static boolean ready(Deployment deployment, List<Pod> pods, Endpoints endpoints) {
    return available(deployment) && onlyLivePods(pods) && pods.stream().anyMatch(ServerReadiness::podReady)
        && !addresses(endpoints).isEmpty();
  }

  /**
   * The first client of a run through a headless Service starts as soon as the server's qperf
   * runs, not when its readiness probe passes: the client's container then starts while the server
   * becomes ready, which is most of a run's overhead. The Service publishes the server's address
   * before it is ready, and qperf retries its connection for a few seconds. Through a ClusterIP,
   * kube-proxy routes only to ready servers; after a server restart, and for a client started
   * again because it could not reach the server, the client waits for the ready server too.
   */
  static boolean firstClientMayStart(ServiceType type, QperfStatus status, List<Pod> pods, Endpoints endpoints) {
    return type == ServiceType.Headless && Conditions.absent(status.getConditions(), Conditions.SERVER_READY)
        && (status.getClientRetries() == null || status.getClientRetries() == 0) && started(pods, endpoints);
  }

  /**
   * Every server container of a live pod has started, and the Service publishes that pod's address
   * (a headless Service publishes it before the pod is ready): a client started now resolves the
   * server, and qperf's own connect retries cover the moment until it listens.
   */
  static boolean started(List<Pod> pods, Endpoints endpoints) {
    List<String> published = addresses(endpoints);
    return onlyLivePods(pods) && pods.stream().anyMatch(p -> containersRunning(p)
        && podIps(p).anyMatch(published::contains));
  }

  static boolean available(Deployment deployment) {
    return deployment != null && deployment.getStatus() != null
        && deployment.getStatus().getAvailableReplicas() != null && deployment.getStatus().getAvailableReplicas() > 0;
  }

  static boolean onlyLivePods(List<Pod> pods) {
    return pods.stream().noneMatch(p -> p.getMetadata().getDeletionTimestamp() != null)
        && pods.stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
  }

  private static boolean podReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean containersRunning(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    return statuses != null && !statuses.isEmpty() && pod.getSpec() != null
        && statuses.size() == pod.getSpec().getContainers().size()
        && statuses.stream().allMatch(s -> s.getState() != null && s.getState().getRunning() != null);
  }

  /** Both of a dual-stack pod's addresses: the Service may be of either family. */
  private static Stream<String> podIps(Pod pod) {
    Stream<String> all = pod.getStatus().getPodIPs() == null ? Stream.empty()
        : pod.getStatus().getPodIPs().stream().map(PodIP::getIp);
    return Stream.concat(Stream.of(pod.getStatus().getPodIP()), all).filter(Objects::nonNull);
  }

  private static List<String> addresses(Endpoints endpoints) {
    if (endpoints == null || endpoints.getSubsets() == null) {
      return List.of();
    }
    return endpoints.getSubsets().stream()
        .flatMap(s -> s.getAddresses() == null ? Stream.<EndpointAddress>empty() : s.getAddresses().stream())
        .map(EndpointAddress::getIp).filter(Objects::nonNull).toList();
  }
}

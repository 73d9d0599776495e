package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.IpFamily;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/** The IP family a run's Service has, and the problems of a family the cluster does not offer. Pure. */
final class IpFamilies {

  static final String NOT_OFFERED = "IpFamilyNotOffered";

  private IpFamilies() {}

  /**
   * The family the client reaches the server over: the Service's first {@code ipFamilies} entry,
   * else (an API server without dual-stack support drops that field) the family of its ClusterIP,
   * else of the server address in its Endpoints. Null when none is known yet.
   */
  static IpFamily of(Service service, Endpoints endpoints) {
    List<String> families = service == null || service.getSpec() == null ? null : service.getSpec().getIpFamilies();
    if (families != null && !families.isEmpty()) {
      return IpFamily.of(families.get(0)).orElse(null);
    }
    String clusterIp = service == null || service.getSpec() == null ? null : service.getSpec().getClusterIP();
    if (clusterIp != null && !clusterIp.isBlank() && !"None".equals(clusterIp)) {
      return IpFamily.ofAddress(clusterIp);
    }
    return firstAddress(endpoints).map(IpFamily::ofAddress).orElse(null);
  }

  /** The API server refused a Service of the family. */
  static Problem refused(IpFamily asked, String refusal) {
    return new Problem(NOT_OFFERED, "spec.ipFamily " + asked + " is not offered by this cluster (the API server "
        + "refuses a Service of it: " + refusal + "); leave ipFamily out for the cluster's primary family");
  }

  /** An API server without dual-stack support ignored the family, and the server's address is of another one. */
  static Problem ignored(IpFamily asked, IpFamily got) {
    return new Problem(NOT_OFFERED, "spec.ipFamily " + asked + " is not offered by this cluster: its API server "
        + "ignores Service ipFamilies (no dual-stack support: Kubernetes before 1.21 without the IPv6DualStack feature "
        + "gate) and the server's address is " + got + "; leave ipFamily out, or ask " + got);
  }

  private static Optional<String> firstAddress(Endpoints endpoints) {
    if (endpoints == null || endpoints.getSubsets() == null) {
      return Optional.empty();
    }
    return endpoints.getSubsets().stream().map(EndpointSubset::getAddresses).filter(a -> a != null)
        .flatMap(List::stream).map(EndpointAddress::getIp).filter(ip -> ip != null && !ip.isBlank()).findFirst();
  }
}

package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.IpFamily;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;

/**
 * The IP families the cluster offers a run's {@code spec.ipFamily}: informational, never a failure.
 * Read from a server-side dry run of a dual-stack Service (refused, or its families dropped by an
 * API server without dual-stack support: single-stack) and from the {@code kubernetes} Service in
 * {@code default}, whose address is of the primary family.
 */
public final class IpFamilyCheck {

  static final String CHECK = "ip families";

  private IpFamilyCheck() {}

  /**
   * @param dualStack the dry run's Service; a null value: the API server refused a dual-stack Service
   * @param kubernetes the {@code kubernetes} Service of {@code default}
   */
  public static Finding evaluate(Fetched<Service> dualStack, Fetched<Service> kubernetes) {
    List<String> both = dualStack.ok() && dualStack.value() != null ? families(dualStack.value()) : List.of();
    if (both.size() == 2) {
      return Finding.pass(CHECK, "dual-stack: " + both.get(0) + " (primary) and " + both.get(1)
          + "; spec.ipFamily / --ip-family may ask either");
    }
    String primary = primary(kubernetes);
    if (primary == null && !dualStack.ok()) {
      return Finding.unreadable(CHECK, "the cluster's IP families", dualStack.error(),
          "kubectl get service kubernetes -n default -o jsonpath='{.spec.ipFamilies}'");
    }
    String single = primary == null ? "single-stack" : "single-stack " + primary;
    if (!dualStack.ok()) {
      return Finding.pass(CHECK, "primary " + primary + " (whether the cluster is dual-stack could not be asked: "
          + dualStack.error() + ")");
    }
    String other = primary == null ? "the other family" : other(primary);
    String why = dualStack.value() == null ? "" : " (the API server has no dual-stack support)";
    return Finding.pass(CHECK, single + why + ": a run asking " + other + " fails with IpFamilyNotOffered");
  }

  private static String primary(Fetched<Service> kubernetes) {
    if (!kubernetes.ok() || kubernetes.value() == null || kubernetes.value().getSpec() == null) {
      return null;
    }
    List<String> families = families(kubernetes.value());
    if (!families.isEmpty()) {
      return families.get(0);
    }
    String ip = kubernetes.value().getSpec().getClusterIP();
    return ip == null || ip.isBlank() ? null : IpFamily.ofAddress(ip).name();
  }

  private static List<String> families(Service service) {
    List<String> families = service.getSpec() == null ? null : service.getSpec().getIpFamilies();
    return families == null ? List.of() : families;
  }

  private static String other(String family) {
    return IpFamily.IPv4.name().equals(family) ? IpFamily.IPv6.name() : IpFamily.IPv4.name();
  }
}

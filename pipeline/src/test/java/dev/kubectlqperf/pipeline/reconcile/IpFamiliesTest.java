package dev.kubectlqperf.pipeline.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubectlqperf.model.IpFamily;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpFamiliesTest {

  private static Service service(String clusterIp, String... families) {
    return new ServiceBuilder().withNewSpec().withClusterIP(clusterIp).withIpFamilies(List.of(families)).endSpec().build();
  }

  private static Endpoints endpoints(String ip) {
    return new EndpointsBuilder().addNewSubset().addNewAddress().withIp(ip).endAddress().endSubset().build();
  }

  @Test
  void theServicesFamilyFirstThenItsClusterIpThenTheServerAddress() {
    assertEquals(IpFamily.IPv6, IpFamilies.of(service("None", "IPv6"), endpoints("10.1.0.5")));
    assertEquals(IpFamily.IPv6, IpFamilies.of(service("fd00:96::10"), endpoints("10.1.0.5")),
        "an API server without dual-stack drops ipFamilies: the ClusterIP tells");
    assertEquals(IpFamily.IPv4, IpFamilies.of(service("None"), endpoints("10.1.0.5")), "headless: the server's address");
    assertEquals(IpFamily.IPv6, IpFamilies.of(null, endpoints("fd00:1::5")));
    assertNull(IpFamilies.of(service("None"), new Endpoints()));
  }

  @Test
  void theProblemsSayWhatWasAskedWhatTheClusterDidAndWhatToDo() {
    Problem refused = IpFamilies.refused(IpFamily.IPv6,
        "spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster");
    assertEquals("IpFamilyNotOffered", refused.reason());
    assertEquals("spec.ipFamily IPv6 is not offered by this cluster (the API server refuses a Service of it: "
        + "spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster); leave ipFamily out for the "
        + "cluster's primary family", refused.message());
    Problem ignored = IpFamilies.ignored(IpFamily.IPv6, IpFamily.IPv4);
    assertEquals("IpFamilyNotOffered", ignored.reason());
    assertEquals("spec.ipFamily IPv6 is not offered by this cluster: its API server ignores Service ipFamilies (no "
        + "dual-stack support: Kubernetes before 1.21 without the IPv6DualStack feature gate) and the server's address "
        + "is IPv4; leave ipFamily out, or ask IPv4", ignored.message());
  }
}

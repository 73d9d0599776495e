package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpFamilyCheckTest {

  private static Service service(String clusterIp, String... families) {
    return new ServiceBuilder().withNewSpec().withClusterIP(clusterIp).withIpFamilies(List.of(families)).endSpec().build();
  }

  private static final Fetched<Service> KUBERNETES_V4 = Fetched.of(service("10.96.0.1", "IPv4"));

  @Test
  void aDualStackClusterOffersBothPrimaryFirst() {
    Finding f = IpFamilyCheck.evaluate(Fetched.of(service(null, "IPv6", "IPv4")), Fetched.of(service("fd00::1", "IPv6")));
    assertEquals(Status.PASS, f.status());
    assertEquals("dual-stack: IPv6 (primary) and IPv4; spec.ipFamily / --ip-family may ask either", f.detail());
  }

  @Test
  void aRefusedDualStackServiceIsASingleStackClusterOfThePrimaryFamily() {
    Finding f = IpFamilyCheck.evaluate(Fetched.of(null), KUBERNETES_V4);
    assertEquals(Status.PASS, f.status(), "informational");
    assertEquals("single-stack IPv4: a run asking IPv6 fails with IpFamilyNotOffered", f.detail());
  }

  @Test
  void anApiServerThatDropsTheFamiliesIsSingleStackOfItsServiceAddress() {
    Finding f = IpFamilyCheck.evaluate(Fetched.of(service(null)), Fetched.of(service("fd00:10::1")));
    assertEquals("single-stack IPv6 (the API server has no dual-stack support): a run asking IPv4 fails with "
        + "IpFamilyNotOffered", f.detail());
  }

  @Test
  void whatCannotBeReadIsSaidNotGuessed() {
    Finding forbidden = IpFamilyCheck.evaluate(Fetched.failed("services is forbidden"), KUBERNETES_V4);
    assertEquals(Status.PASS, forbidden.status());
    assertEquals("primary IPv4 (whether the cluster is dual-stack could not be asked: services is forbidden)",
        forbidden.detail());
    Finding nothing = IpFamilyCheck.evaluate(Fetched.failed("services is forbidden"), Fetched.failed("forbidden"));
    assertEquals(Status.WARN, nothing.status());
    assertEquals("cannot read the cluster's IP families: services is forbidden", nothing.detail());
  }
}

package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.run.RunIdentities;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.ipFamily}: the Service it makes, the client it leaves alone, the spec it survives, the identity it gives. */
class IpFamilyManifestsTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static Qperf run(ServiceType type, IpFamily family) {
    return Fixtures.created("fam", new QperfSpec(null, "-t 1", List.of("tcp_bw"), null, null, null, type, null, null,
        null, null, null, family));
  }

  @Test
  void anAskedFamilyMakesASingleStackServiceOfItHeadlessOrClusterIp() {
    for (ServiceType type : ServiceType.values()) {
      Service s = QperfManifests.serverService(run(type, IpFamily.IPv6));
      assertEquals(List.of("IPv6"), s.getSpec().getIpFamilies(), type.name());
      assertEquals("SingleStack", s.getSpec().getIpFamilyPolicy(), type.name());
    }
    assertEquals(List.of("IPv4"), QperfManifests.serverService(run(null, IpFamily.IPv4)).getSpec().getIpFamilies());
  }

  @Test
  void withoutAFamilyTheServiceSendsNoFamilyFieldsAsBefore() {
    String json = JSON.asJson(QperfManifests.serverService(run(null, null)));
    assertFalse(json.contains("ipFamil"), json);
  }

  @Test
  void theClientStillNamesTheServiceItsResolverAnswersForTheFamily() {
    assertEquals(List.of("fam", "--listen_port", "19765", "-t", "1", "tcp_bw"),
        QperfManifests.clientArgs(run(null, IpFamily.IPv6)));
  }

  @Test
  void theFamilySurvivesDefaultsStreamsAndTheCrdRoundTrip() {
    QperfSpec spec = QperfSpec.of(List.of("tcp_bw"), null).withIpFamily(IpFamily.IPv6);
    assertEquals(IpFamily.IPv6, spec.withDefaults("img", 60).ipFamily());
    assertEquals(IpFamily.IPv6, spec.withParallel(3).ipFamily());
    assertEquals(IpFamily.IPv6, JSON.unmarshal(JSON.asJson(spec), QperfSpec.class).ipFamily());
    assertNull(JSON.unmarshal("{\"tests\":[\"tcp_bw\"]}", QperfSpec.class).ipFamily(), "Kubestone's specs have none");
  }

  @Test
  void theIdentityTakesTheFamilyMeasuredElseTheOneAsked() {
    Qperf asked = run(null, IpFamily.IPv6);
    assertEquals("IPv6", RunIdentities.of(asked, null, null, null).ipFamily());
    Qperf primary = run(null, null);
    assertNull(RunIdentities.of(primary, null, null, null).ipFamily());
    primary.setStatus(new QperfStatus().setIpFamily(IpFamily.IPv4));
    assertEquals("IPv4", RunIdentities.of(primary, null, null, null).ipFamily());
  }

  @Test
  void addressesAndNamesReadAsFamilies() {
    assertEquals(IpFamily.IPv6, IpFamily.ofAddress("fd00:10:96::1"));
    assertEquals(IpFamily.IPv4, IpFamily.ofAddress("10.96.0.1"));
    assertEquals(IpFamily.IPv6, IpFamily.of("IPv6").orElseThrow());
    assertTrue(IpFamily.of("ipv6").isEmpty(), "Kubernetes' spelling only");
  }
}

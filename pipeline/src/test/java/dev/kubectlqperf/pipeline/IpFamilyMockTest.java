package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.ipFamily}: a family the API server refuses for the run's Service fails the run before
 * anything is created; an offered one makes a single-stack Service of it, and the status and the
 * result document record it.
 */
class IpFamilyMockTest extends MockClusterTest {

  private static final String BW = "tcp_bw:\n    bw  =  1.9 GB/sec\n";

  private static QperfSpec spec(IpFamily family) {
    return QperfSpec.of(List.of("tcp_bw"), "-t 1").withIpFamily(family);
  }

  @Test
  void aFamilyTheApiServerRefusesFailsTheRunWithTheReasonAndCreatesNothing() throws Exception {
    server.expect().post().withPath("/api/v1/namespaces/" + NS + "/services?dryRun=All")
        .andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
            .withMessage("Service \"v6\" is invalid: spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this "
                + "cluster")
            .withNewDetails().withKind("Service").withName("v6").addNewCause().withField("spec.ipFamilies[0]")
            .withReason("FieldValueInvalid").withMessage("Invalid value: \"IPv6\": not configured on this cluster")
            .endCause().endDetails().build())
        .always();
    fixture.start();
    fixture.create("v6", spec(IpFamily.IPv6));

    Qperf failed = fixture.awaitPhase("v6", QperfPhase.Failed);
    assertEquals("IpFamilyNotOffered", failed.getStatus().getReason());
    String message = failed.getStatus().getMessage();
    assertTrue(message.startsWith("spec.ipFamily IPv6 is not offered by this cluster"), message);
    assertTrue(message.contains("spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster"), message);
    assertEquals(Boolean.TRUE, failed.getStatus().getCompleted());
    fixture.awaitReconciles("v6", 2);
    assertNull(client.services().inNamespace(NS).withName("v6").get());
    assertNull(client.apps().deployments().inNamespace(NS).withName("v6").get());
    assertTrue(fixture.eventReasons("v6").contains("IpFamilyNotOffered"), fixture.eventReasons("v6").toString());
  }

  @Test
  void anOfferedFamilyMakesASingleStackServiceAndIsRecorded() throws Exception {
    fixture.start();
    fixture.create("v4", spec(IpFamily.IPv4));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("v4").get());
    Service service = client.services().inNamespace(NS).withName("v4").get();
    assertEquals(List.of("IPv4"), service.getSpec().getIpFamilies());
    assertEquals("SingleStack", service.getSpec().getIpFamilyPolicy());
    driveToEnd(List.of("v4"), n -> BW, Duration.ofSeconds(20));

    Qperf done = fixture.awaitPhase("v4", QperfPhase.Completed);
    assertEquals(IpFamily.IPv4, done.getStatus().getIpFamily());
    assertEquals(IpFamily.IPv4, done.getStatus().getRunSpec().ipFamily());
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == 1);
    assertEquals("IPv4", fixture.published.get(0).run().ipFamily());
  }

  @Test
  void withoutAFamilyTheServiceIsAsBefore() throws Exception {
    fixture.start();
    fixture.create("plain", QperfSpec.of(List.of("tcp_bw"), "-t 1"));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("plain").get());
    Service service = client.services().inNamespace(NS).withName("plain").get();
    assertTrue(service.getSpec().getIpFamilies() == null || service.getSpec().getIpFamilies().isEmpty(),
        "the API server picks the family");
    assertNull(service.getSpec().getIpFamilyPolicy());
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.ServiceType;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerReadinessTest {

  private static final String V4 = "10.244.1.7";
  private static final String V6 = "fd00:10:244:1::7";

  private static Pod server(boolean ready, boolean running, String... ips) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName("s").endMetadata()
        .withNewSpec().addNewContainer().withName("server").endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ips[0])
          .withPodIPs(java.util.Arrays.stream(ips).map(PodIP::new).toList())
          .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
          .addNewContainerStatus().withName("server").withNewState()
            .withRunning(running ? new io.fabric8.kubernetes.api.model.ContainerStateRunning() : null)
            .withWaiting(running ? null : new io.fabric8.kubernetes.api.model.ContainerStateWaiting(null,
                "ContainerCreating"))
          .endState().endContainerStatus()
        .endStatus();
    return pod.build();
  }

  private static Endpoints published(String ip) {
    return new EndpointsBuilder().addNewSubset().addNewAddress().withIp(ip).endAddress().endSubset().build();
  }

  private static Deployment available(int replicas) {
    return new DeploymentBuilder().withNewStatus().withAvailableReplicas(replicas).endStatus().build();
  }

  private static final QperfStatus NEVER_READY = new QperfStatus();
  private static final QperfStatus RESTARTING = new QperfStatus().setConditions(List.of(new ConditionBuilder()
      .withType(Conditions.SERVER_READY).withStatus("False").withReason("ServerRestarting").build()));
  private static final QperfStatus CLIENT_RETRIED = new QperfStatus().setClientRetries(1);

  @Test
  void readyNeedsTheReadyPodAndNotOnlyAnAvailableDeploymentOrAPublishedAddress() {
    assertTrue(ServerReadiness.ready(available(1), List.of(server(true, true, V4)), published(V4)));
    assertFalse(ServerReadiness.ready(available(1), List.of(server(false, true, V4)), published(V4)),
        "a stale Deployment status and a not-ready address published by a headless Service");
    assertFalse(ServerReadiness.ready(available(0), List.of(server(true, true, V4)), published(V4)));
    assertFalse(ServerReadiness.ready(available(1), List.of(server(true, true, V4)), new Endpoints()));
  }

  @Test
  void theFirstClientOfAHeadlessRunStartsOnceTheServerRunsAndItsAddressIsPublished() {
    List<Pod> running = List.of(server(false, true, V4, V6));
    assertTrue(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY, running, published(V4)));
    assertTrue(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY, running, published(V6)),
        "an IPv6 Service publishes the pod's second address");
  }

  @Test
  void theClientWaitsForTheReadyServerOtherwise() {
    List<Pod> running = List.of(server(false, true, V4));
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.ClusterIP, NEVER_READY, running, published(V4)),
        "kube-proxy routes only to ready servers");
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, RESTARTING, running, published(V4)),
        "after a restart");
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, CLIENT_RETRIED, running, published(V4)),
        "a client that could not reach the server is started again once it is ready");
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY,
        List.of(server(false, false, V4)), published(V4)), "the container has not started");
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY, running, new Endpoints()),
        "the address is not published yet: the client's lookup would fail");
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY, running,
        published("10.244.2.9")), "the Service publishes another pod's address");
    Pod deleting = new PodBuilder(server(false, true, V4)).editMetadata().withDeletionTimestamp("2026-11-27T00:00:00Z")
        .endMetadata().build();
    assertFalse(ServerReadiness.firstClientMayStart(ServiceType.Headless, NEVER_READY,
        List.of(deleting, server(false, true, "10.244.1.8")), published(V4)), "a server pod is being deleted");
  }
}

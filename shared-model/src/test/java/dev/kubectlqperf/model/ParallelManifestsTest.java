package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.qperf.StreamStart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run of parallel streams: one server Deployment and one client pod per repetition, with a container per stream. */
class ParallelManifestsTest {

  private static Qperf run(int parallel, ServiceType type, Integer dataPort) {
    return Fixtures.created("p", new QperfSpec(null, "-t 5", List.of("tcp_bw"), null, null, null, type, dataPort, null,
        null, null, parallel));
  }

  @Test
  void oneServerContainerPerStreamEachOnItsOwnControlPortAndProbe() {
    Deployment d = QperfManifests.serverDeployment(run(3, null, null));
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(List.of("server", "server-2", "server-3"), containers.stream().map(Container::getName).toList());
    assertEquals(List.of(List.of("--listen_port", "19765"), List.of("--listen_port", "19767"),
        List.of("--listen_port", "19769")), containers.stream().map(Container::getArgs).toList());
    assertEquals(List.of("qperf", "qperf-2", "qperf-3"),
        containers.stream().map(c -> c.getPorts().get(0).getName()).toList());
    assertEquals(QperfManifests.readinessCommand(19769), containers.get(2).getReadinessProbe().getExec().getCommand());
    assertEquals(1, d.getSpec().getReplicas());
  }

  @Test
  void theServiceHasANamedPortPerStreamAndPinnedDataPortsForClusterIp() {
    Service headless = QperfManifests.serverService(run(2, null, null));
    assertEquals(List.of("qperf:19765", "qperf-2:19767"), ports(headless));
    Service clusterIp = QperfManifests.serverService(run(2, ServiceType.ClusterIP, null));
    assertEquals(List.of("qperf:19765", "data-tcp:19766", "data-udp:19766", "qperf-2:19767", "data-tcp-2:19768",
        "data-udp-2:19768"), ports(clusterIp));
  }

  @Test
  void oneClientPodPerRepetitionWithAContainerPerStreamThatPrintsItsStart() {
    Pod pod = QperfManifests.clientPod(run(3, ServiceType.ClusterIP, 20000), 2);
    assertEquals("p-client-2", pod.getMetadata().getName());
    List<Container> containers = pod.getSpec().getContainers();
    assertEquals(List.of("client", "client-2", "client-3"), containers.stream().map(Container::getName).toList());
    assertEquals(StreamStart.command(), containers.get(1).getCommand());
    assertEquals(List.of("p", "--listen_port", "19767", "--ip_port", "20002", "-t", "5", "tcp_bw"),
        containers.get(1).getArgs());
    assertTrue(containers.get(0).getCommand().get(2).contains("/proc/uptime"));
  }

  @Test
  void oneStreamKeepsTheSingleContainerObjectsExactly() {
    Qperf implicit = run(1, ServiceType.ClusterIP, null);
    Qperf absent = Fixtures.created("p", new QperfSpec(null, "-t 5", List.of("tcp_bw"), null, null, null,
        ServiceType.ClusterIP, null, null, null, null));
    assertEquals(QperfManifests.serverDeployment(absent), QperfManifests.serverDeployment(implicit));
    assertEquals(QperfManifests.serverService(absent), QperfManifests.serverService(implicit));
    assertEquals(QperfManifests.clientPod(absent, 1), QperfManifests.clientPod(implicit, 1));
    assertEquals(List.of("qperf"), QperfManifests.clientPod(absent, 1).getSpec().getContainers().get(0).getCommand());
  }

  private static List<String> ports(Service service) {
    return service.getSpec().getPorts().stream().map((ServicePort p) -> p.getName() + ":" + p.getPort()).toList();
  }
}

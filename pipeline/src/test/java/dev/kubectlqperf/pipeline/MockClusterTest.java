package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;

import dev.kubectlqperf.model.Qperf;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A CRUD mock API server per test, with the Qperf CRD, a pipeline fixture and a fake kubelet. */
@EnableKubernetesMockClient(crud = true)
abstract class MockClusterTest {

  KubernetesMockServer server;
  KubernetesClient client;
  PipelineFixture fixture;
  FakeKubelet kubelet;

  @BeforeEach
  void setUpCluster() {
    fixture = new PipelineFixture(client);
    kubelet = new FakeKubelet(client, server);
  }

  @AfterEach
  void tearDownCluster() {
    fixture.close();
  }

  /** Plays the kubelet for every run in {@code names} until all have ended; each client prints {@code logOf(name)}. */
  void driveToEnd(List<String> names, Function<String, String> logOf, Duration atMost) {
    await("all runs ended").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (String n : names) {
        if (ended(n)) {
          continue;
        }
        if (client.apps().deployments().inNamespace(NS).withName(n).get() != null) {
          kubelet.serverReady(NS, n);
        }
        Pod pod = client.pods().inNamespace(NS).withName(n + "-client").get();
        if (pod != null && (pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase()))) {
          kubelet.clientEnded(NS, n + "-client", 0, logOf.apply(n));
        }
      }
      return names.stream().allMatch(this::ended);
    });
  }

  private boolean ended(String name) {
    Qperf q = fixture.get(name);
    return q.getStatus() != null && q.getStatus().getPhase() != null && q.getStatus().getPhase().isFinal();
  }
}

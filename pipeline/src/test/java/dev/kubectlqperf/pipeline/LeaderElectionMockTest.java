package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Two replicas: only the lease holder acts; when it goes, the other takes over. */
class LeaderElectionMockTest extends MockClusterTest {

  private final Set<String> actors = ConcurrentHashMap.newKeySet();

  private Pipeline replica(String identity) throws Exception {
    Step.Listener recordActor = (step, key) -> actors.add(identity);
    return fixture.start(Map.of(PipelineConfig.LEADER_ELECTION, "true", PipelineConfig.IDENTITY, identity,
        PipelineConfig.LEASE_NAMESPACE, NS), recordActor);
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(NS).withName("qperf-pipeline").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private void runToCompletion(String name) {
    fixture.create(name, QperfSpec.of(List.of("tcp_lat"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName(name).get());
    kubelet.serverReady(NS, name);
    fixture.awaitExists("client", () -> client.pods().inNamespace(NS).withName(name + "-client").get());
    kubelet.clientEnded(NS, name + "-client", 0, "tcp_lat:\n    latency  =  5 us\n");
    fixture.awaitPhase(name, QperfPhase.Completed);
  }

  @Test
  void onlyTheLeaseHolderActsAndTheOtherTakesOver() throws Exception {
    Pipeline a = replica("replica-a");
    await("replica-a leads").atMost(Duration.ofSeconds(10)).until(() -> "replica-a".equals(holder()));
    Pipeline b = replica("replica-b");

    runToCompletion("first");
    assertEquals(Set.of("replica-a"), actors, "only the leader reconciles");

    a.close();
    await("replica-b takes over").atMost(Duration.ofSeconds(20)).until(() -> "replica-b".equals(holder()));
    actors.clear();
    runToCompletion("second");
    assertEquals(Set.of("replica-b"), actors);
    b.close();
  }
}

package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many runs at once, two workers: all end, each once, nothing left behind. */
class ParallelRunsMockTest extends MockClusterTest {

  private static final int RUNS = 30;

  @Test
  void manyRunsAtOnceAllCompleteWithNothingLeaked() throws Exception {
    fixture.start(Map.of(PipelineConfig.PARALLELISM, "2"), Step.Listener.NONE);
    List<String> names = IntStream.range(0, RUNS).mapToObj(i -> "run-" + i).toList();
    names.forEach(n -> fixture.create(n, QperfSpec.of(List.of("tcp_bw"), null)));

    await("all runs completed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (String n : names) {
        Qperf q = fixture.get(n);
        if (q.getStatus() != null && q.getStatus().getPhase() == QperfPhase.Completed) {
          continue;
        }
        if (client.apps().deployments().inNamespace(NS).withName(n).get() != null) {
          kubelet.serverReady(NS, n);
        }
        Pod pod = client.pods().inNamespace(NS).withName(n + "-client").get();
        if (pod != null && (pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase()))) {
          kubelet.clientEnded(NS, n + "-client", 0, "tcp_bw:\n    bw  =  1 GB/sec\n");
        }
      }
      return names.stream().allMatch(n -> fixture.get(n).getStatus() != null
          && fixture.get(n).getStatus().getPhase() == QperfPhase.Completed);
    });
    await("servers deleted").atMost(Duration.ofSeconds(20)).until(() ->
        client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
            && client.services().inNamespace(NS).list().getItems().isEmpty());
    assertEquals(RUNS, client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "client").list()
        .getItems().size(), "one client pod per run");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == RUNS);
    assertTrue(fixture.published.stream().allMatch(r -> r.ok()));
  }
}

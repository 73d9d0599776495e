package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.reconcile.Step;
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

    driveToEnd(names, n -> "tcp_bw:\n    bw  =  1 GB/sec\n", Duration.ofSeconds(60));
    assertTrue(names.stream().allMatch(n -> fixture.get(n).getStatus().getPhase() == QperfPhase.Completed));
    await("servers deleted").atMost(Duration.ofSeconds(20)).until(() ->
        client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
            && client.services().inNamespace(NS).list().getItems().isEmpty());
    assertEquals(RUNS, client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "client").list()
        .getItems().size(), "one client pod per run");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.published.size() == RUNS);
    assertTrue(fixture.published.stream().allMatch(r -> r.ok()));
  }
}

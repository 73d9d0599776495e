package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.pipeline.Pipeline;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster that has the Qperf CRD and none of the others (Kubestone's, or an install from before
 * the matrix and the schedule): the pipeline starts, runs Kubestone's sample, and leaves the kinds
 * it cannot watch alone. Its own control plane: the shared one has every CRD.
 */
class QperfCrdOnlyIT {

  @Test
  void withOnlyTheQperfCrdThePipelineStartsAndRunsKubestonesSample() throws Exception {
    ControlPlane cluster = ControlPlane.start();
    try (KubernetesClient admin = cluster.admin()) {
      check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f",
          Path.of("..", "crd", Qperf.CRD_NAME + ".yaml").toString()));
      ProductManifests.awaitCrdEstablished(admin);
      try (Pipeline pipeline = new Pipeline(admin, PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, "default",
          PipelineConfig.LEADER_ELECTION, "false")), Clock.systemUTC(), Step.Listener.NONE, Map.of(), List.of())) {
        pipeline.start();
        check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f", RealNodeRuns.SAMPLE.toString()));

        await("the sample taken up").atMost(Duration.ofSeconds(60)).until(() -> {
          Qperf q = admin.resources(Qperf.class).inNamespace("default").withName("qperf-sample").get();
          return q.getStatus() != null && q.getStatus().getPhase() != null;
        });
        await("its server created").atMost(Duration.ofSeconds(30))
            .until(() -> admin.apps().deployments().inNamespace("default").withName("qperf-sample").get() != null);
        assertEquals("qperf-sample", admin.services().inNamespace("default").withName("qperf-sample").get()
            .getMetadata().getName());
      }
    } finally {
      cluster.close();
    }
  }

  private static void check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }
}

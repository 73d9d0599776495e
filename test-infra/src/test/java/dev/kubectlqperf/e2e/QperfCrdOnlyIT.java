package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.pipeline.LogCapture;
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
 * it cannot watch alone, saying so once per kind (a warning, not an error). Its own control plane:
 * the shared one has every CRD.
 */
class QperfCrdOnlyIT {

  @Test
  void withOnlyTheQperfCrdThePipelineStartsAndRunsKubestonesSample() throws Exception {
    ControlPlane cluster = ControlPlane.start();
    try (KubernetesClient admin = cluster.admin()) {
      check(Kubectl.kubectl(cluster.kubeconfig(), "apply", "-f",
          Path.of("..", "crd", Qperf.CRD_NAME + ".yaml").toString()));
      ProductManifests.awaitCrdEstablished(admin);
      try (LogCapture log = LogCapture.start();
          Pipeline pipeline = new Pipeline(admin, PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, "default",
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
        String logged = log.text();
        assertTrue(logged.contains("the QperfMatrix CRD is not installed: qperfmatrices are not watched (kubectl apply "
            + "-f crd/qperfmatrices.perf.kubestone.xridge.io.yaml"), logged);
        assertTrue(logged.contains("the QperfSchedule CRD is not installed"), logged);
        assertFalse(logged.lines().anyMatch(l -> l.contains("ERROR") && l.contains("Reflector")
            || l.contains("listSyncAndWatch")), "no informer was started on a missing kind: " + logged);
      }
    } finally {
      cluster.close();
    }
  }

  private static void check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }
}

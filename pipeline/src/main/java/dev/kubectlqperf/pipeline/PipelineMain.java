package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs the pipeline against the current kubeconfig (locally) or the pod's ServiceAccount
 * (in-cluster), until stopped or until it loses its lease.
 */
public final class PipelineMain {

  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config;
    try {
      config = PipelineConfig.fromMap(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("qperf-pipeline: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    Pipeline pipeline = new Pipeline(client, config, Clock.systemUTC(), Step.Listener.NONE, Map.of(), List.of());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pipeline.close();
      client.close();
    }, "qperf-pipeline-shutdown"));
    pipeline.start();
    pipeline.awaitStop();
  }
}

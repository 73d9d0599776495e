package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.Qperf;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/** The product's manifests on a test cluster, the way the real-cluster tiers need them. */
final class ProductManifests {

  private ProductManifests() {}

  /**
   * deploy/cluster-wide applied, its CRD established, and its in-cluster pipeline scaled to zero:
   * the tests run the pipeline in their own JVM, under the same ServiceAccount and RBAC.
   */
  static void applyClusterWideWithoutItsPipeline(Path kubeconfig, KubernetesClient admin) throws Exception {
    check(Kubectl.kubectl(kubeconfig, "apply", "-k", "../deploy/cluster-wide"));
    awaitCrdEstablished(admin);
    check(Kubectl.kubectl(kubeconfig, "-n", "qperf-system", "scale", "deployment/qperf-pipeline", "--replicas", "0"));
  }

  /** Not 'kubectl wait': it fails at once while a new CRD's status has no conditions yet. */
  static void awaitCrdEstablished(KubernetesClient admin) {
    awaitCrdEstablished(admin, Qperf.CRD_NAME);
  }

  static void awaitCrdEstablished(KubernetesClient admin, String crdName) {
    await(crdName + " established").atMost(Duration.ofSeconds(60)).until(() -> {
      var crd = admin.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
      return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  private static void check(Shell.Result r) {
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }
}

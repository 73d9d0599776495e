package dev.kubectlqperf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/monitoring added to each overlay ({@code kubectl kustomize}): the ServiceMonitor scrapes
 * the pipeline's pods on the port and path where the pipeline serves its metrics.
 */
class MonitoringComponentIT {

  @TempDir
  Path overlay;

  @ParameterizedTest
  @ValueSource(strings = {"cluster-wide", "namespaced"})
  void theServiceMonitorReachesThePipelinesMetrics(String base) throws Exception {
    Path deploy = Path.of("..", "deploy").toAbsolutePath().normalize();
    Files.writeString(overlay.resolve("kustomization.yaml"), """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [%s]
        components: [%s]
        """.formatted(overlay.relativize(deploy.resolve(base)), overlay.relativize(deploy.resolve("monitoring"))));
    List<HasMetadata> objects = build(overlay);

    Deployment pipeline = only(objects, Deployment.class);
    Service service = only(objects, Service.class);
    GenericKubernetesResource monitor = kind(objects, "ServiceMonitor");
    assertEquals(1, objects.stream().filter(o -> o.getKind().equals("PrometheusRule")).count());
    objects.stream().filter(o -> List.of("Service", "ServiceMonitor", "PrometheusRule").contains(o.getKind()))
        .forEach(o -> assertEquals("qperf-system", o.getMetadata().getNamespace(), o.getKind()));

    Map<String, String> podLabels = pipeline.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the pods");
    var container = pipeline.getSpec().getTemplate().getSpec().getContainers().get(0);
    var port = container.getPorts().stream()
        .filter(p -> p.getName().equals(service.getSpec().getPorts().get(0).getTargetPort().getStrVal())).findFirst()
        .orElseThrow(() -> new AssertionError("the Service's targetPort names no container port"));
    assertEquals(String.valueOf(port.getContainerPort()), only(objects, ConfigMap.class).getData()
        .get("QPERF_HEALTH_PORT"), "the pipeline serves its metrics on that port");

    Map<?, ?> spec = (Map<?, ?>) monitor.getAdditionalProperties().get("spec");
    Map<?, ?> matchLabels = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
    assertTrue(service.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet()), "selects the Service");
    Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) spec.get("endpoints")).get(0);
    assertEquals(service.getSpec().getPorts().get(0).getName(), endpoint.get("port"));
    assertEquals("/observe/metrics", endpoint.get("path"));
    assertEquals(true, endpoint.get("honorLabels"));
  }

  private static List<HasMetadata> build(Path overlay) throws Exception {
    Process p = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true).start();
    String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), yaml);
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> objects = new java.util.ArrayList<>();
    for (String document : yaml.split("(?m)^---$")) {
      if (!document.isBlank()) {
        objects.add(serialization.unmarshal(document));
      }
    }
    return objects;
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName());
    return found.get(0);
  }

  private static GenericKubernetesResource kind(List<HasMetadata> objects, String kind) {
    return (GenericKubernetesResource) objects.stream().filter(o -> o.getKind().equals(kind)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }
}

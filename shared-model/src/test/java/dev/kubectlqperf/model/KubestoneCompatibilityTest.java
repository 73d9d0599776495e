package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kubectlqperf.model.validation.QperfValidator;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubestoneCompatibilityTest {

  @Test
  void sampleMapsOntoTheModelWithNoUnknownField() {
    Qperf sample = Fixtures.kubestoneSample();
    assertEquals("qperf-sample", sample.getMetadata().getName());
    assertEquals("xridge/qperf:0.4.11-r0", sample.getSpec().image().name());
    assertEquals("IfNotPresent", sample.getSpec().image().pullPolicy());
    assertEquals("--verbose --time 10", sample.getSpec().options());
    assertEquals(List.of("tcp_bw", "tcp_lat"), sample.getSpec().tests());
    assertEquals("server", sample.getSpec().server().podLabelsOrEmpty().get("qperf-mode"));
    assertEquals(Boolean.FALSE, sample.getSpec().server().hostNetwork());
    assertEquals("kubernetes.io/hostname", sample.getSpec().client().scheduling().affinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().get(0).getTopologyKey());
  }

  @Test
  void anUnknownSpecFieldIsNoticed() {
    String yaml = "apiVersion: perf.kubestone.xridge.io/v1alpha1\nkind: Qperf\nmetadata: {name: x}\n"
        + "spec: {tests: [tcp_bw], testz: [oops]}\n";
    assertThrows(UnrecognizedPropertyException.class, () -> Fixtures.STRICT_YAML.readValue(yaml, Qperf.class));
  }

  @Test
  void sampleRoundTripsToTheSameDocument() throws Exception {
    JsonNode original;
    try (InputStream in = getClass().getResourceAsStream("/samples/perf_v1alpha1_qperf.yaml")) {
      original = Fixtures.STRICT_YAML.readTree(in);
    }
    Qperf sample = Fixtures.STRICT_YAML.treeToValue(original, Qperf.class);
    JsonNode written = Fixtures.STRICT_YAML.valueToTree(sample);
    assertEquals(original, written);
    assertEquals(sample.getSpec(), Fixtures.STRICT_YAML.treeToValue(written, Qperf.class).getSpec());
  }

  @Test
  void samplePassesValidation() {
    Qperf sample = Fixtures.kubestoneSample();
    var result = QperfValidator.validate(sample);
    assertTrue(result.isValid(), result::message);
  }

  @Test
  void sampleYieldsKubestonesClientCommand() {
    var pod = QperfManifests.clientPod(Fixtures.kubestoneSample());
    var container = pod.getSpec().getContainers().get(0);
    List<String> command = new java.util.ArrayList<>(container.getCommand());
    command.addAll(container.getArgs());
    assertEquals("qperf qperf-sample --listen_port 19765 --verbose --time 10 tcp_bw tcp_lat", String.join(" ", command));
  }

  @Test
  void minimalSpecDefaultsToKubestonesImage() {
    Qperf minimal = Fixtures.minimal(null, "tcp_lat");
    assertEquals(QperfDefaults.IMAGE, minimal.getSpec().imageName());
    assertEquals(ServiceType.Headless, minimal.getSpec().effectiveServiceType());
    assertFalse(minimal.getSpec().server().usesHostNetwork());
  }
}

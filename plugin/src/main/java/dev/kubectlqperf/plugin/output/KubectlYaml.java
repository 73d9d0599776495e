package dev.kubectlqperf.plugin.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.UncheckedIOException;

/**
 * YAML as kubectl prints it, so that users can diff and grep ours against theirs: no {@code ---}
 * before a single document, plain strings unquoted ({@code kind: Qperf}), and quotes kept where
 * a plain scalar would read back as another type ({@code "true"}, {@code "10"}).
 */
public final class KubectlYaml {

  private final KubernetesSerialization serialization;
  private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .build());

  public KubectlYaml(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** The object as fabric8 serializes it (its field order and modules), written in kubectl's YAML style. */
  public String write(Object object) {
    JsonNode tree = serialization.convertValue(object, JsonNode.class);
    try {
      return yaml.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

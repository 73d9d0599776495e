package dev.kubectlqperf.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kubectlqperf.model.Qperf;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the CRD that is checked in: fabric8's generated CRD with the printer columns in the
 * order the model declares them (the generator sorts them by name, which kubectl would show).
 */
public final class CrdRenderer {

  public static final String FILE_NAME = Qperf.CRD_NAME + ".yaml";
  static final String GENERATED = "/META-INF/fabric8/" + Qperf.CRD_NAME + "-v1.yml";

  private CrdRenderer() {}

  public static String render() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    try (InputStream in = CrdRenderer.class.getResourceAsStream(GENERATED)) {
      if (in == null) {
        throw new IllegalStateException("missing " + GENERATED + ": build shared-model first");
      }
      ObjectNode crd = (ObjectNode) yaml.readTree(in);
      for (JsonNode version : crd.path("spec").path("versions")) {
        orderPrinterColumns((ObjectNode) version);
      }
      return header() + yaml.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header() {
    return "# Generated from the model (shared-model) by CrdRenderer; do not edit by hand.\n"
        + "# Regenerate after a model change: ./crd/render.sh\n";
  }

  private static void orderPrinterColumns(ObjectNode version) {
    if (!(version.get("additionalPrinterColumns") instanceof ArrayNode columns)) {
      return;
    }
    List<String> declared = Arrays.stream(Qperf.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(c -> declared.indexOf(c.path("name").asText())));
    columns.removeAll();
    for (JsonNode column : sorted) {
      // The API server drops a zero priority; keeping it makes every 'kubectl apply' report "configured".
      if (column.path("priority").asInt(-1) == 0) {
        ((ObjectNode) column).remove("priority");
      }
      columns.add(column);
    }
  }

  /** Writes the rendered CRD to the given file (the crd/ folder of the repository). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : FILE_NAME);
    Files.writeString(target, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath());
  }
}

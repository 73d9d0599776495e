package dev.kubectlqperf.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
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
 * Renders the CRDs that are checked in, one file per kind: fabric8's generated CRD with the
 * printer columns in the order the model declares them (the generator sorts them by name, which
 * kubectl would show).
 */
public final class CrdRenderer {

  public static final String FILE_NAME = fileName(Qperf.class);
  public static final String MATRIX_FILE_NAME = fileName(QperfMatrix.class);
  public static final String SCHEDULE_FILE_NAME = fileName(QperfSchedule.class);
  /** Every kind of the model, in the order the files are listed. */
  public static final List<Class<? extends CustomResource<?, ?>>> KINDS = List.of(Qperf.class, QperfMatrix.class,
      QperfSchedule.class);

  private CrdRenderer() {}

  /** The checked-in file of a kind, e.g. {@code qperves.perf.kubestone.xridge.io.yaml}. */
  public static String fileName(Class<? extends CustomResource<?, ?>> kind) {
    return CustomResource.getCRDName(kind) + ".yaml";
  }

  /** The Qperf CRD. */
  public static String render() {
    return render(Qperf.class);
  }

  public static String render(Class<? extends CustomResource<?, ?>> kind) {
    String generated = "/META-INF/fabric8/" + CustomResource.getCRDName(kind) + "-v1.yml";
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    try (InputStream in = CrdRenderer.class.getResourceAsStream(generated)) {
      if (in == null) {
        throw new IllegalStateException("missing " + generated + ": build shared-model first");
      }
      ObjectNode crd = (ObjectNode) yaml.readTree(in);
      for (JsonNode version : crd.path("spec").path("versions")) {
        orderPrinterColumns((ObjectNode) version, kind);
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

  private static void orderPrinterColumns(ObjectNode version, Class<?> kind) {
    if (!(version.get("additionalPrinterColumns") instanceof ArrayNode columns)) {
      return;
    }
    List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
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

  /** Writes every rendered CRD into the given folder (the crd/ folder of the repository). */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : ".");
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      Path target = folder.resolve(fileName(kind));
      Files.writeString(target, render(kind), StandardCharsets.UTF_8);
      System.out.println("wrote " + target.toAbsolutePath());
    }
  }
}

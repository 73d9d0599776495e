package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** The one JSON (and YAML) form of result documents, shared by the CLI, the files and the sinks. */
public final class ResultJson {

  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** Pretty JSON, for people. */
  public String pretty(QperfResult result) {
    return write(json.writer().with(SerializationFeature.INDENT_OUTPUT), result);
  }

  /** One line of JSON, for JSON Lines files. */
  public String line(QperfResult result) {
    return write(json.writer(), result);
  }

  public String yaml(QperfResult result) {
    return write(yaml.writer(), result);
  }

  /** Reads a document of this schema version or an older one; newer fields are ignored. */
  public QperfResult read(String text) {
    try {
      return json.readValue(text, QperfResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a qperf result document: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(com.fasterxml.jackson.databind.ObjectWriter writer, QperfResult result) {
    try {
      return writer.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a result document", e);
    }
  }
}

package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import dev.kubectlqperf.model.result.PlainDecimalSerializer;
import java.math.BigDecimal;
import java.util.Map;

/** The headline of one test block, small enough for the CR status; {@code stream} in a run of parallel streams. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestSummary(String test, Boolean ok, String error, Map<String, Headline> metrics, Integer stream) {

  public TestSummary(String test, Boolean ok, String error, Map<String, Headline> metrics) {
    this(test, ok, error, metrics, null);
  }

  /** One numeric metric in its base unit, with qperf's own text. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Headline(
      @SchemaFrom(type = Double.class) @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal value,
      String unit, String text) {}
}

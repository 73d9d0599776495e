package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * One value qperf printed. {@code value} is a {@link BigDecimal} in a base unit ({@link Unit}),
 * or, for {@code conf} strings, the string itself with a null unit. {@code text} is qperf's
 * original value and unit.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Metric(
    @JsonSerialize(using = Metric.ValueSerializer.class) @JsonDeserialize(using = Metric.ValueDeserializer.class)
        Object value,
    String unit,
    String text) {

  public static Metric number(BigDecimal value, Unit unit, String text) {
    return new Metric(value, unit.symbol(), text);
  }

  public static Metric string(String value) {
    return new Metric(value, null, value);
  }

  /** The numeric value, or null for a string metric. */
  public BigDecimal decimal() {
    return value instanceof BigDecimal d ? d : null;
  }

  @JsonIgnore
  public boolean isNumeric() {
    return value instanceof BigDecimal;
  }

  static final class ValueSerializer extends StdSerializer<Object> {
    ValueSerializer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value instanceof BigDecimal d) {
        gen.writeNumber(d.stripTrailingZeros().toPlainString());
      } else {
        gen.writeString(String.valueOf(value));
      }
    }
  }

  static final class ValueDeserializer extends StdDeserializer<Object> {
    ValueDeserializer() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDecimalValue();
      }
      return p.getValueAsString();
    }
  }
}

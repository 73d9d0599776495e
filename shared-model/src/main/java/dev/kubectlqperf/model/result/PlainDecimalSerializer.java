package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes 2010000000 rather than 2.01E+9: exact, and readable by every JSON consumer. */
public class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

  public PlainDecimalSerializer() {
    super(BigDecimal.class);
  }

  @Override
  public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeNumber(value.stripTrailingZeros().toPlainString());
  }
}

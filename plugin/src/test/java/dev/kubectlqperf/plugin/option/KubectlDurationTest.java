package dev.kubectlqperf.plugin.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class KubectlDurationTest {

  private final KubectlDuration duration = new KubectlDuration();

  @Test
  void readsSecondsAndGoDurationsAsKubectlDoes() {
    assertEquals(Duration.ZERO, duration.convert("0"));
    assertEquals(Duration.ofSeconds(30), duration.convert("30"));
    assertEquals(Duration.ofSeconds(90), duration.convert("1m30s"));
    assertEquals(Duration.ofMillis(500), duration.convert("500ms"));
    assertEquals(Duration.ofMinutes(90), duration.convert("1.5h"));
  }

  @Test
  void rejectsAnythingElse() {
    for (String bad : new String[] {"soon", "", "1x", "s", "10 s", "1m-2s"}) {
      assertThrows(TypeConversionException.class, () -> duration.convert(bad), bad);
    }
  }
}

package dev.kubectlqperf.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdDriftTest {

  private static final Path CHECKED_IN = Path.of(CrdRenderer.FILE_NAME);

  @Test
  void checkedInCrdMatchesTheModel() throws IOException {
    assertTrue(Files.exists(CHECKED_IN), "missing crd/" + CrdRenderer.FILE_NAME + ": run ./crd/render.sh");
    assertEquals(CrdRenderer.render(), Files.readString(CHECKED_IN),
        "crd/" + CrdRenderer.FILE_NAME + " drifted from the model: run ./crd/render.sh and commit the result");
  }
}

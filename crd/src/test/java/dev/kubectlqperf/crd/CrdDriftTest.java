package dev.kubectlqperf.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CrdDriftTest {

  static Stream<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>> kinds() {
    return CrdRenderer.KINDS.stream();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void checkedInCrdMatchesTheModel(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind)
      throws IOException {
    String file = CrdRenderer.fileName(kind);
    Path checkedIn = Path.of(file);
    assertTrue(Files.exists(checkedIn), "missing crd/" + file + ": run ./crd/render.sh");
    assertEquals(CrdRenderer.render(kind), Files.readString(checkedIn),
        "crd/" + file + " drifted from the model: run ./crd/render.sh and commit the result");
  }

  @Test
  void kustomizationAndTheJarListEveryCrd() throws IOException {
    String kustomization = Files.readString(Path.of("kustomization.yaml"));
    String pom = Files.readString(Path.of("pom.xml"));
    for (String file : List.of(CrdRenderer.FILE_NAME, CrdRenderer.MATRIX_FILE_NAME,
        CrdRenderer.SCHEDULE_FILE_NAME)) {
      assertTrue(kustomization.contains("- " + file), "kustomization.yaml misses " + file);
      assertTrue(pom.contains("<include>" + file + "</include>"), "crd/pom.xml misses " + file);
    }
  }
}

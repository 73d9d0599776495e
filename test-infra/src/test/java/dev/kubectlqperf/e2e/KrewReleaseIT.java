package dev.kubectlqperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** release/krew.sh: an archive krew can install and a manifest in krew-index's shape that names it. */
class KrewReleaseIT {

  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void theManifestNamesTheArchiveByItsDigestAndTheArchivedLauncherRuns() throws Exception {
    Shell.Result release = Shell.run(Map.of(), "bash", "../release/krew.sh", "9.8.7", "https://example.invalid/r");
    assertEquals(0, release.exitCode(), release.out() + release.err());
    Path archive = Path.of("..", "target", "release", "kubectl-qperf-9.8.7.tar.gz");
    Map<String, Object> manifest;
    try (InputStream in = Files.newInputStream(Path.of("..", "target", "release", "qperf.yaml"))) {
      manifest = Serialization.unmarshal(in, Map.class);
    }
    assertEquals("krew.googlecontainertools.github.com/v1alpha2", manifest.get("apiVersion"));
    assertEquals("Plugin", manifest.get("kind"));
    assertEquals("qperf", ((Map<String, Object>) manifest.get("metadata")).get("name"));
    Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
    assertEquals("v9.8.7", spec.get("version"));
    List<Map<String, Object>> platforms = (List<Map<String, Object>>) spec.get("platforms");
    assertEquals(4, platforms.size());
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    for (Map<String, Object> p : platforms) {
      assertEquals(digest, p.get("sha256"));
      assertEquals("https://example.invalid/r/kubectl-qperf-9.8.7.tar.gz", p.get("uri"));
      assertEquals("kubectl-qperf", p.get("bin"));
    }

    Shell.Result untar = Shell.run(Map.of(), "tar", "-xzf", archive.toString(), "-C", tmp.toString());
    assertEquals(0, untar.exitCode(), untar.err());
    Shell.Result version = Shell.run(Map.of("JAVA_HOME", System.getProperty("java.home")),
        tmp.resolve("kubectl-qperf-9.8.7/kubectl-qperf").toString(), "version");
    assertEquals(0, version.exitCode(), version.err());
    assertTrue(version.out().startsWith("kubectl-qperf "), version.out());
    Shell.Result refused = Shell.run(Map.of(), "bash", "../release/krew.sh", "latest");
    assertEquals(2, refused.exitCode(), refused.out());
  }
}

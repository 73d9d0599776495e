package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperHandshakeTest {

  @Test
  void theLaunchersSha256sumComputesTheSameProofs() throws IOException, InterruptedException {
    String token = HelperHandshake.nonce();
    String launcher = HelperHandshake.nonce();
    String helper = HelperHandshake.nonce();
    // As in the launcher: one sha256sum, two here-strings.
    Process p = new ProcessBuilder(List.of("bash", "-c",
        "sha256sum /dev/fd/4 /dev/fd/5 4<<<\"helper $1 $2 $3\" 5<<<\"launcher $1 $2 $3\"", "bash", token, launcher,
        helper)).start();
    String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    assertEquals(0, p.waitFor());
    assertEquals(HelperHandshake.proof("helper", token, launcher, helper), lines[0].substring(0, 64));
    assertEquals(HelperHandshake.proof("launcher", token, launcher, helper), lines[1].substring(0, 64));
  }

  @Test
  void proofsDependOnTheRoleTheTokenAndBothNonces() {
    String token = HelperHandshake.nonce();
    String a = HelperHandshake.nonce();
    String b = HelperHandshake.nonce();
    String proof = HelperHandshake.proof("helper", token, a, b);
    assertTrue(HelperHandshake.isHex64(proof));
    assertNotEquals(proof, HelperHandshake.proof("launcher", token, a, b));
    assertNotEquals(proof, HelperHandshake.proof("helper", HelperHandshake.nonce(), a, b));
    assertNotEquals(proof, HelperHandshake.proof("helper", token, b, a));
    assertNotEquals(HelperHandshake.nonce(), HelperHandshake.nonce());
  }
}

package dev.kubectlqperf.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (1.26+) completes 'kubectl qperf <TAB>' through kubectl_complete-qperf on the PATH. */
class KubectlCompleteIT {

  @TempDir Path bin;

  @Test
  void kubectlListsTheSubcommands() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of("target", "kubectl-qperf.jar").toAbsolutePath().toString();
    executable(Files.writeString(bin.resolve("kubectl-qperf"),
        "#!/bin/sh\nexec '" + java + "' -jar '" + jar + "' \"$@\"\n"));
    executable(Files.copy(Path.of("src", "main", "sh", "kubectl_complete-qperf"), bin.resolve("kubectl_complete-qperf"),
        StandardCopyOption.REPLACE_EXISTING));

    ProcessBuilder kubectl = new ProcessBuilder("kubectl", "__complete", "qperf", "").redirectErrorStream(false);
    kubectl.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    kubectl.environment().put("KUBECONFIG", bin.resolve("no-kubeconfig").toString());
    Process process = kubectl.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl ended");
    List<String> lines = out.lines().toList();
    assertTrue(lines.containsAll(List.of("create", "get", "describe", "logs", "results", "delete")), out);
    assertEquals(":4", lines.get(lines.size() - 1), out);
  }

  private static void executable(Path file) throws Exception {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }
}

package dev.kubectlqperf.plugin.doctor;

import dev.kubectlqperf.plugin.diagnosis.LocalPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local pipeline install.sh starts, from what it records in its state directory
 * ({@code $XDG_STATE_HOME/kubectl-qperf}, else {@code ~/.local/state/kubectl-qperf}): alive when
 * the recorded pid is a qperf-pipeline process, as install.sh itself checks.
 */
final class LocalPipelines {

  private final Path state;

  LocalPipelines(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    this.state = base.resolve("kubectl-qperf");
  }

  Path state() {
    return state;
  }

  /** The running local pipeline, or null. */
  LocalPipeline find() {
    try {
      long pid = Long.parseLong(read("pipeline.pid"));
      Path proc = Path.of("/proc", String.valueOf(pid));
      String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
      if (!cmdline.contains("qperf-pipeline")) {
        return null;
      }
      return new LocalPipeline(pid, read("pipeline.namespaces"), read("pipeline.kubeconfig"), sinks(proc));
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private String read(String file) throws IOException {
    return Files.readString(state.resolve(file)).strip();
  }

  /** QPERF_SINKS from the process's environment (its launcher's default: file); null when unreadable. */
  private static String sinks(Path proc) {
    try {
      for (String entry : Files.readString(proc.resolve("environ"), StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith("QPERF_SINKS=")) {
          return entry.substring("QPERF_SINKS=".length());
        }
      }
      return "";
    } catch (IOException e) {
      return null;
    }
  }
}

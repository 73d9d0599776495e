package dev.kubectlqperf.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs kubectl or the packaged kubectl-qperf as processes, as a user would. */
final class Kubectl {

  record Result(int exitCode, String out, String err) {}

  private Kubectl() {}

  static Result kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return run(command, kubeconfig);
  }

  /** The plugin jar, built by the plugin module of this reactor. */
  static Result plugin(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("..", "plugin", "target", "kubectl-qperf.jar").toString()));
    command.addAll(List.of(args));
    return run(command, kubeconfig);
  }

  private static Result run(List<String> command, Path kubeconfig) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()),
        java.util.concurrent.Executors.newSingleThreadExecutor());
    String out = read(p.getInputStream());
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("did not end: " + command);
    }
    return new Result(p.exitValue(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

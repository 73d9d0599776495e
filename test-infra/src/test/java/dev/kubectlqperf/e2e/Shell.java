package dev.kubectlqperf.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs a command with extra environment, as a user in a terminal would. */
final class Shell {

  record Result(int exitCode, String out, String err) {}

  private Shell() {}

  static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command));
    pb.environment().putAll(env);
    Process p = pb.start();
    var executor = Executors.newSingleThreadExecutor();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), executor);
    String out = read(p.getInputStream());
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("did not end: " + String.join(" ", command));
    }
    executor.shutdown();
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

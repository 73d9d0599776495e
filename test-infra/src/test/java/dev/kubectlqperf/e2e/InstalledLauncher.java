package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kubectl-qperf launcher as install.sh installs it, run like a user would, with one helper
 * directory: what its state files say, which helpers run, what they logged.
 */
final class InstalledLauncher {

  record Result(int exitCode, String out, String err) {}

  /** A call that does not end in this time has hung: a test failure, not a wait. */
  static final Duration CALL_LIMIT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path kubeconfig;
  private final Path helpers;

  InstalledLauncher(Path prefix, Path kubeconfig, Path helpers) {
    this.bin = prefix.resolve("bin/kubectl-qperf");
    this.kubeconfig = kubeconfig;
    this.helpers = helpers;
  }

  /** install.sh into a new temporary prefix, from the jars the build made. */
  static Path install() throws IOException, InterruptedException {
    Path prefix = Files.createTempDirectory("prefix");
    Result install = run(Map.of("JAVA_HOME", System.getProperty("java.home")), Path.of(""), "bash", "../install.sh",
        "--prefix", prefix.toString(), "--skip-build", "--skip-cluster");
    assertEquals(0, install.exitCode(), install.out() + install.err());
    return prefix;
  }

  /** A new owner-only helper directory. */
  static Path newHelperDirectory() throws IOException {
    return Files.createTempDirectory("helpers", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  Path helpers() {
    return helpers;
  }

  Result call(String... args) throws IOException, InterruptedException {
    return call(Map.of(), Path.of(""), args);
  }

  Result call(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    return call(extraEnv, Path.of(""), args);
  }

  /** The launcher with KUBECONFIG and the helper directory set, plus {@code extraEnv}, in {@code dir}. */
  Result call(Map<String, String> extraEnv, Path dir, String... args) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(Map.of("KUBECONFIG", kubeconfig.toString(),
        "KUBECTL_QPERF_HELPER_DIR", helpers.toString()));
    env.putAll(extraEnv);
    return run(env, dir, Stream.concat(Stream.of(bin.toString()), Stream.of(args)).toArray(String[]::new));
  }

  /** {@code env}: added to this JVM's environment; a null value unsets a variable. */
  static Result run(Map<String, String> env, Path dir, String... command) throws IOException, InterruptedException {
    return run(CALL_LIMIT, env, dir, command);
  }

  /** As {@link #run(Map, Path, String...)}, for a command allowed {@code limit} before it counts as hung. */
  static Result run(Duration limit, Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toAbsolutePath().toFile());
    env.forEach((name, value) -> {
      if (value == null) {
        pb.environment().remove(name); // unset, not inherited from the test JVM
      } else {
        pb.environment().put(name, value);
      }
    });
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not end within " + limit.toSeconds() + " s: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  List<Path> stateFiles() throws IOException {
    try (Stream<Path> files = Files.list(helpers)) {
      return files.filter(f -> !f.getFileName().toString().contains(".")).toList();
    }
  }

  /** The pids the state files name (tests plant some that are no helper). */
  List<Long> helperPids() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (Path state : stateFiles()) {
      field(state, 2).filter(f -> f.matches("[0-9]{1,18}")).map(Long::parseLong).ifPresent(pids::add);
    }
    return pids;
  }

  /** A field of a state file's first line: 0 port, 1 token, 2 pid. */
  static Optional<String> field(Path state, int index) {
    try {
      return Optional.of(Files.readAllLines(state).get(0).split(" ")[index]);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * The helper processes serving this directory, found by their command line: good enough for a
   * test to find what it started (the directory is its own), which the product never relies on.
   */
  List<ProcessHandle> helperProcesses() {
    String prefix = helpers.toAbsolutePath() + "/";
    return ProcessHandle.allProcesses().filter(p -> {
      List<String> args = p.info().arguments().map(List::of).orElse(List.of());
      int state = args.indexOf("--state");
      return args.contains("serve") && state >= 0 && state + 1 < args.size() && args.get(state + 1).startsWith(prefix);
    }).toList();
  }

  /** The helper the last call started, once it is published (its state file names it). */
  long awaitHelper() {
    await("a helper").atMost(Duration.ofSeconds(30)).until(() -> helperProcesses().size() == 1
        && helperPids().contains(helperProcesses().get(0).pid()));
    return helperProcesses().get(0).pid();
  }

  /** The one state file, named by the environment's fingerprint. */
  Path stateFile() throws IOException {
    List<Path> files = stateFiles();
    assertEquals(1, files.size(), files.toString());
    return files.get(0);
  }

  String log(long pid) throws IOException {
    for (Path state : stateFiles()) {
      if (field(state, 2).filter(f -> f.equals(String.valueOf(pid))).isPresent()) {
        return Files.readString(state.resolveSibling(state.getFileName() + ".log"));
      }
    }
    return "";
  }

  /** {@code helper stop}; then no helper of this directory runs (one that did not stop is killed). */
  void stopHelpers() throws IOException, InterruptedException {
    Result stop = call("helper", "stop");
    await("helpers gone").atMost(Duration.ofSeconds(30)).until(() -> {
      call("helper", "stop"); // also one that published after the first stop
      List<ProcessHandle> left = helperProcesses();
      left.forEach(ProcessHandle::destroyForcibly);
      return left.isEmpty();
    });
    assertEquals(0, stop.exitCode(), stop.err());
  }
}

package dev.kubectlqperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh without a cluster: what it writes, what it refuses, what it installs on the system (nothing). */
class InstallScriptIT {

  @TempDir Path tmp;

  private Map<String, String> env(String... more) {
    // Nothing of the user's: uninstall removes the helper directory these name.
    Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home"),
        "HOME", tmp.resolve("home").toString(), "XDG_STATE_HOME", tmp.resolve("state").toString(),
        "XDG_RUNTIME_DIR", tmp.resolve("no-runtime").toString()));
    env.put("KUBECTL_QPERF_HELPER_DIR", null);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private InstalledLauncher.Result installSh(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    String[] command = Stream.concat(Stream.of("bash", "../install.sh"), Stream.of(args)).toArray(String[]::new);
    return InstalledLauncher.run(env, Path.of(""), command);
  }

  private static boolean root() throws IOException, InterruptedException {
    return "0".equals(InstalledLauncher.run(Map.of(), Path.of(""), "id", "-u").out().trim());
  }

  @Test
  void aPrefixWithShellSyntaxIsInstalledLiterally() throws Exception {
    Path pwned = tmp.resolve("pwned");
    Path prefix = tmp.resolve("my $(touch " + pwned + ") \"quoted\" 'single' #hash &amp; `tick` \\back");
    InstalledLauncher.Result install = installSh(env(), "--prefix", prefix.toString(), "--skip-build",
        "--skip-cluster");
    assertEquals(0, install.exitCode(), install.out() + install.err());

    InstalledLauncher.Result version = InstalledLauncher.run(env(), Path.of(""),
        prefix.resolve("bin/kubectl-qperf").toString(), "version");
    assertEquals(0, version.exitCode(), version.err());
    assertTrue(version.out().startsWith("kubectl-qperf "), version.out());
    InstalledLauncher.Result pipeline = InstalledLauncher.run(env(), Path.of(""),
        prefix.resolve("bin/qperf-pipeline").toString(), "--help");
    assertEquals(0, pipeline.exitCode(), pipeline.out() + pipeline.err());
    assertFalse(Files.exists(pwned), "nothing in the prefix ran");

    InstalledLauncher.Result uninstall = installSh(env(), "--prefix", prefix.toString(), "--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertFalse(Files.exists(prefix.resolve("bin/kubectl-qperf")));
  }

  @Test
  void aPrefixThatCannotBeOnPathIsRefused() throws Exception {
    for (String name : List.of("with:colon", "with\nnewline")) {
      Path prefix = tmp.resolve(name);
      InstalledLauncher.Result install = installSh(env(), "--prefix", prefix.toString(), "--skip-build",
          "--skip-cluster");
      assertEquals(2, install.exitCode(), install.out());
      assertTrue(install.err().contains("a path with a control character or a colon cannot be installed"),
          install.err());
      assertFalse(Files.exists(prefix));
    }
  }

  @Test
  void uninstallRemovesTheHelperDirectoryIfItIsTheUsers() throws Exception {
    Path prefix = tmp.resolve("prefix");
    assertEquals(0, installSh(env(), "--prefix", prefix.toString(), "--skip-build", "--skip-cluster").exitCode());
    Path runtime = Files.createDirectory(tmp.resolve("runtime"));
    Path helpers = Files.createDirectories(runtime.resolve("kubectl-qperf/helper"));
    Files.setPosixFilePermissions(helpers, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(helpers.resolve("a.log"), "old log\n");

    InstalledLauncher.Result uninstall = installSh(env("XDG_RUNTIME_DIR", runtime.toString()), "--prefix",
        prefix.toString(), "--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertTrue(uninstall.out().contains("removed " + helpers), uninstall.out());
    assertFalse(Files.exists(runtime.resolve("kubectl-qperf")), "and its parent, now empty");
  }

  @Test
  void uninstallLeavesAnotherUsersHelperDirectory() throws Exception {
    assumeTrue(root(), "giving a directory to another user takes root");
    Path helpers = Files.createDirectories(tmp.resolve("theirs/kubectl-qperf/helper"));
    assertEquals(0, InstalledLauncher.run(Map.of(), Path.of(""), "chown", "65534", helpers.toString()).exitCode());
    InstalledLauncher.Result uninstall = installSh(env("KUBECTL_QPERF_HELPER_DIR", helpers.toString()), "--prefix",
        tmp.resolve("prefix").toString(), "--uninstall");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertTrue(Files.isDirectory(helpers), "under sudo, the user's directory is not root's to remove");
  }

  @Test
  void asRootItInstallsNoSystemPackageUnlessAskedWithDev() throws Exception {
    assumeTrue(root(), "install.sh installed packages only as root");
    Path fakeBin = pathWithout(Set.of("qperf", "influxd", "tmux", "mvn", "apt-get", "systemctl"));
    Path aptLog = tmp.resolve("apt-get.log");
    // CREATE_NEW: never write through a link to the real apt-get.
    Path aptGet = Files.writeString(fakeBin.resolve("apt-get"), """
        #!/bin/sh
        # Records the call, and whether a package's service could start meanwhile (policy-rc.d).
        /usr/sbin/policy-rc.d influxdb start >/dev/null 2>&1
        echo "$* (policy-rc.d: $?)" >> '%s'
        """.formatted(aptLog), StandardOpenOption.CREATE_NEW);
    Files.setPosixFilePermissions(aptGet, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = env("PATH", fakeBin.toString());
    Path prefix = tmp.resolve("prefix");

    InstalledLauncher.Result install = installSh(env, "--prefix", prefix.toString(), "--skip-build", "--skip-cluster");
    assertEquals(0, install.exitCode(), install.out() + install.err());
    assertFalse(Files.exists(aptLog), "no package installed by default");

    byte[] policyBefore = Files.exists(Path.of("/usr/sbin/policy-rc.d")) ? Files.readAllBytes(Path.of(
        "/usr/sbin/policy-rc.d")) : null;
    InstalledLauncher.Result dev = installSh(env, "--dev", "--prefix", prefix.toString(), "--skip-build",
        "--skip-cluster");
    assertEquals(0, dev.exitCode(), dev.out() + dev.err());
    List<String> calls = Files.readAllLines(aptLog);
    // .ci/run may add other tiers' tools this machine lacks; these four are hidden from it.
    assertTrue(calls.stream().anyMatch(c -> c.startsWith("install -y -qq qperf influxdb influxdb-client maven tmux")
        && c.endsWith("(policy-rc.d: 101)")), "the test tools, with every service start denied: " + calls);
    assertTrue(policyBefore == null ? Files.notExists(Path.of("/usr/sbin/policy-rc.d"))
        : java.util.Arrays.equals(policyBefore, Files.readAllBytes(Path.of("/usr/sbin/policy-rc.d"))),
        "the machine's own policy-rc.d is back as it was");
  }

  /** A PATH directory with every command of this PATH except {@code hidden}. */
  private Path pathWithout(Set<String> hidden) throws IOException {
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    for (String dir : System.getenv("PATH").split(":")) {
      Path d = Path.of(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> commands = Files.list(d)) {
        for (Path command : commands.toList()) {
          Path link = bin.resolve(command.getFileName().toString());
          boolean wanted = !hidden.contains(command.getFileName().toString()) && Files.isExecutable(command);
          if (wanted && Files.notExists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, command);
          }
        }
      }
    }
    return bin;
  }
}

package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.context.CommandTree;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.helper.HelperCalls;
import dev.kubectlqperf.plugin.helper.HelperClient;
import dev.kubectlqperf.plugin.helper.HelperHandshake;
import dev.kubectlqperf.plugin.helper.HelperServer;
import dev.kubectlqperf.plugin.helper.HelperState;
import dev.kubectlqperf.plugin.helper.JarStamp;
import dev.kubectlqperf.plugin.helper.OwnerOnly;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import dev.kubectlqperf.plugin.output.Age;
import dev.kubectlqperf.plugin.output.Table;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "helper",
    description = {"The warm JVM that answers get, describe and results in milliseconds.",
        "The launcher starts one on the first such call and it exits after --idle seconds without calls "
            + "(KUBECTL_QPERF_HELPER_IDLE, default 300); KUBECTL_QPERF_HELPER=off turns it off."},
    subcommands = {HelperCommand.Status.class, HelperCommand.Stop.class, HelperCommand.Serve.class})
public final class HelperCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** Where the launcher publishes helpers; it exports the directory for every command. */
  static final class Directory {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:KUBECTL_QPERF_HELPER_DIR}",
        description = "The helpers' directory (default: $KUBECTL_QPERF_HELPER_DIR, set by the launcher).")
    Path dir;

    /** The state files in the directory, which must be this user's alone. */
    List<HelperState.Entry> published() {
      if (dir == null) {
        throw new CliException(ExitCodes.USAGE,
            "no helper directory: run this through the kubectl-qperf launcher (install.sh), or pass --dir");
      }
      try {
        return HelperState.all(dir);
      } catch (IOException e) {
        throw new CliException(ExitCodes.FAILURE, e.getMessage());
      }
    }
  }

  @Command(name = "status", description = "List the running helpers.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Directory directory;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Table table = new Table("PID", "PORT", "AGE", "KUBECONFIG");
      Instant now = Instant.now();
      int running = 0;
      for (HelperState.Entry e : directory.published()) {
        Optional<HelperClient.Identity> helper = HelperClient.ping(e);
        if (helper.isPresent()) {
          running++;
          table.row(String.valueOf(helper.get().pid()), String.valueOf(e.port()),
              Age.of(Duration.between(e.since().toInstant(), now)), e.kubeconfig() == null ? "<none>" : e.kubeconfig());
        }
      }
      if (running == 0) {
        out.println("no helper is running");
      } else {
        table.print(out);
      }
      return ExitCodes.OK;
    }
  }

  /**
   * Only a helper that proves it holds its state file's token is asked to stop; a pid or port in
   * the file is never signalled on its own word (pids and ports are reused). A file no helper
   * answers for is removed.
   */
  @Command(name = "stop", description = "Stop the running helpers (the next call starts a new JVM).")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Directory directory;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      int stopped = 0;
      for (HelperState.Entry entry : directory.published()) {
        Optional<HelperClient.Identity> helper = HelperClient.stop(entry);
        if (helper.isPresent()) {
          awaitExit(helper.get());
          out.println("stopped the helper (pid " + helper.get().pid() + ")");
          stopped++;
        }
        removeIfUnchanged(entry);
      }
      if (stopped == 0) {
        out.println("no helper is running");
      }
      return ExitCodes.OK;
    }

    /** A proven helper ends within a second; one that hangs is killed (same pid and start time only). */
    private static void awaitExit(HelperClient.Identity helper) throws Exception {
      Optional<ProcessHandle> process = helper.process();
      if (process.isPresent()) {
        try {
          process.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          process.get().destroyForcibly();
        }
      }
    }

    private static void removeIfUnchanged(HelperState.Entry entry) throws IOException {
      Optional<HelperState.Entry> now = HelperState.all(entry.file().getParent()).stream()
          .filter(e -> e.file().equals(entry.file())).findFirst();
      if (now.isPresent() && now.get().token().equals(entry.token())) {
        Files.deleteIfExists(entry.file());
      }
    }
  }

  @Command(name = "serve", hidden = true, description = "Run a helper in the foreground (the launcher does this).")
  static final class Serve implements Callable<Integer> {
    private final CommandTree tree;

    @Option(names = "--state", required = true, paramLabel = "FILE") Path state;
    @Option(names = "--environment", required = true, paramLabel = "FINGERPRINT") String environment;
    @Option(names = "--idle", defaultValue = "300", paramLabel = "SECONDS") long idleSeconds;

    Serve(CommandTree tree) {
      this.tree = tree;
    }

    @Override
    public Integer call() throws IOException {
      if (idleSeconds < 1) {
        throw new CliException(ExitCodes.USAGE, "--idle must be at least 1 second");
      }
      Path file = state.toAbsolutePath();
      OwnerOnly.privateDirectory(file.getParent());
      HelperState published = new HelperState(file, ProcessHandle.current().pid());
      try (KubeConnection kube = new KubeConnection();
          ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
          PrintWriter log = new PrintWriter(new OutputStreamWriter(
              OwnerOnly.createNew(file.resolveSibling(file.getFileName() + ".log")), StandardCharsets.UTF_8), true)) {
        String token = HelperHandshake.nonce();
        published.publish(socket.getLocalPort(), token, System.getenv("KUBECONFIG"));
        log.println(Instant.now() + " serving on 127.0.0.1:" + socket.getLocalPort());
        String why;
        try {
          why = new HelperServer(socket, token, published, Duration.ofSeconds(idleSeconds),
              new HelperCalls(tree, kube, environment), JarStamp.of(HelperCommand.class)::changed, Clock.systemUTC(), log)
              .serve();
        } finally {
          published.removeIfOurs();
        }
        log.println(Instant.now() + " stopped: " + why);
      }
      return ExitCodes.OK;
    }
  }
}

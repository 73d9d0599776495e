package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.CliException;
import dev.kubectlqperf.plugin.ExitCodes;
import dev.kubectlqperf.plugin.KubeConnection;
import dev.kubectlqperf.plugin.helper.HelperCalls;
import dev.kubectlqperf.plugin.helper.HelperServer;
import dev.kubectlqperf.plugin.helper.HelperState;
import dev.kubectlqperf.plugin.helper.JarStamp;
import dev.kubectlqperf.plugin.output.Age;
import dev.kubectlqperf.plugin.output.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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

    List<HelperState.Entry> running() throws IOException {
      if (dir == null) {
        throw new CliException(ExitCodes.USAGE,
            "no helper directory: run this through the kubectl-qperf launcher (install.sh), or pass --dir");
      }
      return HelperState.all(dir).stream().filter(e -> process(e).isPresent()).toList();
    }
  }

  /** The helper's process, if the state file's pid is still a helper (pids are reused). */
  static Optional<ProcessHandle> process(HelperState.Entry entry) {
    return ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("serve"));
  }

  @Command(name = "status", description = "List the running helpers.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Directory directory;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      List<HelperState.Entry> running = directory.running();
      if (running.isEmpty()) {
        out.println("no helper is running");
        return ExitCodes.OK;
      }
      Table table = new Table("PID", "PORT", "AGE", "KUBECONFIG");
      Instant now = Instant.now();
      running.forEach(e -> table.row(String.valueOf(e.pid()), String.valueOf(e.port()),
          Age.of(Duration.between(e.since().toInstant(), now)), e.kubeconfig() == null ? "<none>" : e.kubeconfig()));
      table.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(name = "stop", description = "Stop the running helpers (the next call starts a new JVM).")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Directory directory;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<HelperState.Entry> running = directory.running();
      for (HelperState.Entry entry : running) {
        Files.deleteIfExists(entry.file());
        Optional<ProcessHandle> process = process(entry);
        if (process.isPresent()) {
          process.get().destroy();
          try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            process.get().destroyForcibly();
          }
        }
        out.println("stopped the helper (pid " + entry.pid() + ")");
      }
      if (running.isEmpty()) {
        out.println("no helper is running");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "serve", hidden = true, description = "Run a helper in the foreground (the launcher does this).")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--state", required = true, paramLabel = "FILE") Path state;
    @Option(names = "--environment", required = true, paramLabel = "FINGERPRINT") String environment;
    @Option(names = "--idle", defaultValue = "300", paramLabel = "SECONDS") long idleSeconds;

    @Override
    public Integer call() throws IOException {
      if (idleSeconds < 1) {
        throw new CliException(ExitCodes.USAGE, "--idle must be at least 1 second");
      }
      HelperState published = new HelperState(state, ProcessHandle.current().pid());
      Path logFile = state.resolveSibling(state.getFileName() + ".log");
      try (KubeConnection kube = new KubeConnection();
          ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
          PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true)) {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        String hex = HexFormat.of().formatHex(token);
        published.publish(socket.getLocalPort(), hex, System.getenv("KUBECONFIG"));
        log.println(Instant.now() + " serving on 127.0.0.1:" + socket.getLocalPort());
        String why;
        try {
          why = new HelperServer(socket, hex, published, Duration.ofSeconds(idleSeconds),
              new HelperCalls(kube, environment), JarStamp.of(HelperCommand.class)::changed, Clock.systemUTC(), log)
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

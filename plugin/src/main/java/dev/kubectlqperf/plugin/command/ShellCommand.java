package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.completion.QperfNames;
import dev.kubectlqperf.plugin.completion.RunNameCompleter;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.context.CommandTree;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import dev.kubectlqperf.plugin.kube.QperfApi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.console.impl.SystemRegistryImpl;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

/**
 * An interactive shell over the same command tree: Tab completes commands, flags and run names;
 * {@code use NAMESPACE} switches namespace; history persists; a failing command never ends the
 * shell; Ctrl-D (or {@code exit}) does. One cluster client serves every command typed.
 */
@Command(name = "shell", description = "An interactive shell: kubectl qperf commands without the prefix, Tab completion.")
public final class ShellCommand implements Callable<Integer> {

  private final CliContext context;
  private final CommandTree tree;

  ShellCommand(CliContext context, CommandTree tree) {
    this.context = context;
    this.tree = tree;
  }

  @Override
  public Integer call() throws Exception {
    context.kube().setInteractive(true);
    try (Terminal terminal = TerminalBuilder.builder().name("kubectl-qperf").build()) {
      CommandLine commands = tree.build(context, terminal.writer(), terminal.writer());
      commands.getSubcommands().remove("shell");
      DefaultParser parser = new DefaultParser();
      SystemRegistryImpl registry = new SystemRegistryImpl(parser, terminal, () -> Path.of("."), null);
      registry.setCommandRegistries(new PicocliCommands(commands));
      LineReader reader = LineReaderBuilder.builder().terminal(terminal)
          .completer(new AggregateCompleter(registry.completer(), new RunNameCompleter(new QperfNames(context))))
          .parser(parser).variable(LineReader.HISTORY_FILE, historyFile()).build();
      terminal.writer().println("kubectl qperf shell: 'help' lists commands, 'use NAMESPACE' switches, Ctrl-D exits.");
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt());
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        if (!handleBuiltIn(line.strip(), terminal)) {
          break;
        }
        if (!line.isBlank() && !isBuiltIn(line.strip())) {
          run(registry, commands, parser, line, terminal);
        }
      }
      terminal.writer().println();
      terminal.flush();
    }
    return ExitCodes.OK;
  }

  private static void run(SystemRegistryImpl registry, CommandLine commands, DefaultParser parser, String line,
      Terminal terminal) {
    try {
      if (line.strip().startsWith("-")) {
        // Global flags first (-n NS get): jline's registry looks up the first word as a command.
        commands.execute(parser.parse(line, 0).words().stream().filter(w -> !w.isEmpty()).toArray(String[]::new));
      } else {
        registry.execute(line);
      }
    } catch (Exception e) {
      terminal.writer().println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    terminal.flush();
  }

  private static boolean isBuiltIn(String line) {
    return line.equals("exit") || line.equals("quit") || line.startsWith("use ") || line.equals("use");
  }

  /** False when the shell should end. */
  private boolean handleBuiltIn(String line, Terminal terminal) {
    if (line.equals("exit") || line.equals("quit")) {
      return false;
    }
    if (line.equals("use") || line.startsWith("use ")) {
      String ns = line.substring(3).strip();
      if (ns.isEmpty()) {
        terminal.writer().println("usage: use NAMESPACE");
      } else {
        context.kube().useNamespace(ns);
      }
    }
    return true;
  }

  private String prompt() {
    KubeTarget target = new KubeTarget(null, null, null);
    String ns;
    String ctx;
    try {
      QperfApi api = QperfApi.connect(context.kube(), target);
      ns = api.namespace();
      ctx = api.contextName() == null ? "" : api.contextName() + "/";
    } catch (RuntimeException e) {
      ns = "?";
      ctx = "";
    }
    return "qperf(" + ctx + ns + ")> ";
  }

  /** Beside kubectl's own files; $HOME first, as shells and kubectl use it. */
  private static Path historyFile() {
    String home = System.getenv("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".kube",
        "kubectl-qperf.history");
  }
}

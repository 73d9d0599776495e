package dev.kubectlqperf.plugin.context;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the whole command tree, wired. The shell, the helper and the start-up training run
 * commands through a tree of their own (their own streams and context), and get this injected
 * rather than reaching up to the class that holds {@code main}.
 */
@FunctionalInterface
public interface CommandTree {
  CommandLine build(CliContext context, PrintWriter out, PrintWriter err);
}

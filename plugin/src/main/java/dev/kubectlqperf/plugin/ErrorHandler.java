package dev.kubectlqperf.plugin;

import dev.kubectlqperf.plugin.failure.Failures;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.Verbosity;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns any exception into one line on stderr and an exit code; the stack trace only from
 * {@code -v=6} on. Kubernetes errors are classified: not found, unreachable, or a plain failure.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  private final KubeOptions flags;

  ErrorHandler(KubeOptions flags) {
    this.flags = flags;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code = Failures.exitCodeOf(e);
    err.println("error: " + Failures.messageOf(e));
    if (flags.verbosity() >= Verbosity.STACK_TRACES) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}

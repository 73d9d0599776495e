package dev.kubectlqperf.plugin;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception into one line on stderr and an exit code; the stack trace only with
 * {@code -v}. Kubernetes errors are classified: not found, unreachable, or a plain failure.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code = exitCodeOf(e);
    err.println("error: " + messageOf(e));
    if (parsed.hasMatchedOption("-v") || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("-v"))) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    if (unreachable(e)) {
      return ExitCodes.UNREACHABLE;
    }
    if (e instanceof KubernetesClientException k) {
      return k.getCode() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.FAILURE;
    }
    return ExitCodes.FAILURE;
  }

  /** No answer at all: refused, unknown host, TLS failure or timeout somewhere in the cause chain. */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof javax.net.ssl.SSLException || t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  static String messageOf(Throwable e) {
    if (unreachable(e)) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return "cannot reach the Kubernetes API server (" + root.getClass().getSimpleName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage()) + "); check --context/--kubeconfig";
    }
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

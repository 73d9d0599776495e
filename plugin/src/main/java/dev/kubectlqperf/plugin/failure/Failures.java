package dev.kubectlqperf.plugin.failure;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import picocli.CommandLine;

/** What an exception means to the user: its exit code and its one-line message. */
public final class Failures {

  private Failures() {}

  public static int exitCodeOf(Throwable e) {
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
  public static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLException
          || t instanceof HttpTimeoutException || t instanceof TimeoutException || t instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  public static String messageOf(Throwable e) {
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

package dev.kubectlqperf.plugin.helper;

import dev.kubectlqperf.plugin.CliContext;
import dev.kubectlqperf.plugin.KubeConnection;
import dev.kubectlqperf.plugin.QperfCli;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs one call through the command tree in this JVM, exactly as a new process would (the
 * configuration is resolved again for every call). Only short read-only commands are served: a
 * call that streams, reads stdin or a path relative to the caller's directory is declined and the
 * launcher runs it in a new JVM.
 */
public final class HelperCalls implements Function<HelperRequest, Optional<HelperResponse>> {

  /** The commands the launcher hands over; it must name the same ones. */
  public static final Set<String> SERVED = Set.of("get", "describe", "results");

  private final KubeConnection kube;
  private final String environment;

  /** {@code environment}: the fingerprint of the environment this helper was started in. */
  public HelperCalls(KubeConnection kube, String environment) {
    this.kube = kube;
    this.environment = environment;
  }

  @Override
  public Optional<HelperResponse> apply(HelperRequest request) {
    String[] args = request.args().toArray(String[]::new);
    if (!environment.equals(request.environment()) || args.length == 0 || !SERVED.contains(args[0])) {
      return Optional.empty();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(InputStream.nullInputStream(), kube, request.terminal());
    CommandLine cli = QperfCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true));
    if (!servable(cli, args)) {
      return Optional.empty();
    }
    // The same instance parses again: picocli resets every option first, as the shell relies on.
    int code = cli.execute(args);
    return Optional.of(new HelperResponse(code, out.toString(), err.toString()));
  }

  private static boolean servable(CommandLine cli, String[] args) {
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args).subcommand();
    } catch (CommandLine.ParameterException e) {
      return true; // a usage error reads the same from here
    }
    if (parsed.hasMatchedOption("--watch")) {
      return false;
    }
    String kubeconfig = parsed.matchedOptionValue("--kubeconfig", null);
    return kubeconfig == null || Path.of(kubeconfig).isAbsolute();
  }
}

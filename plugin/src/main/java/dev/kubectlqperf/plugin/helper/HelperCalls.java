package dev.kubectlqperf.plugin.helper;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.context.CommandTree;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Runs one call through the command tree in this JVM, exactly as a new process would (the
 * configuration is resolved again for every call). Only short read-only commands are served: a
 * call that streams, reads stdin, reads a path relative to the caller's directory (a relative
 * {@code --kubeconfig}, an {@code @file} of arguments) or whose credentials come from a program
 * that would run in this helper's environment instead of the caller's is declined, and the
 * launcher runs it in a new JVM.
 */
public final class HelperCalls implements Function<HelperRequest, Optional<HelperResponse>> {

  /** The commands the launcher hands over; it must name the same ones. */
  public static final Set<String> SERVED = Set.of("get", "describe", "results");

  private final CommandTree tree;
  private final KubeConnection kube;
  private final String environment;
  private final Predicate<KubeTarget> credentialProgram;

  /** {@code environment}: the fingerprint of the environment this helper was started in. */
  public HelperCalls(CommandTree tree, KubeConnection kube, String environment) {
    this(tree, kube, environment, new CredentialPrograms());
  }

  /** {@code credentialProgram}: whether a target's credentials come from a program (see {@link CredentialPrograms}). */
  public HelperCalls(CommandTree tree, KubeConnection kube, String environment,
      Predicate<KubeTarget> credentialProgram) {
    this.tree = tree;
    this.kube = kube;
    this.environment = environment;
    this.credentialProgram = credentialProgram;
  }

  @Override
  public Optional<HelperResponse> apply(HelperRequest request) {
    String[] args = request.args().toArray(String[]::new);
    if (!environment.equals(request.environment()) || args.length == 0 || !SERVED.contains(args[0])) {
      return Optional.empty();
    }
    CliContext context = new CliContext(InputStream.nullInputStream(), kube, request.terminal());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = tree.build(context, new PrintWriter(out, true), new PrintWriter(err, true));
    // picocli reads '@file' relative to the working directory, which is the caller's only in a new JVM.
    if (cli.isExpandAtFiles() && Arrays.stream(args).anyMatch(a -> a.startsWith("@"))) {
      return Optional.empty();
    }
    if (!servable(cli, args)) {
      return Optional.empty();
    }
    // The same instance parses again: picocli resets every option first, as the shell relies on.
    int code = cli.execute(args);
    return Optional.of(new HelperResponse(code, out.toString(), err.toString()));
  }

  private boolean servable(CommandLine cli, String[] args) {
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return true; // a usage error reads the same from here
    }
    if (matched(parsed, "--watch") != null) {
      return false;
    }
    String kubeconfig = matched(parsed, "--kubeconfig");
    if (kubeconfig != null && !Path.of(kubeconfig).isAbsolute()) {
      return false;
    }
    return !credentialProgram.test(new KubeTarget(kubeconfig, matched(parsed, "--context"), null));
  }

  /** A global flag's value wherever it was typed, before or after the subcommand (a flag without a value: its text). */
  private static String matched(ParseResult parsed, String option) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return String.valueOf(p.matchedOptionValue(option, (Object) option));
      }
    }
    return null;
  }
}

package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -o FORMAT}, the same option and values for every command that prints. */
public final class OutputMixin {

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Output format, one of: ${COMPLETION-CANDIDATES} (the description says which this command prints).")
  OutputFormat format;

  /** Whether {@code -o} was given. */
  public boolean given() {
    return format != null;
  }

  /**
   * The format asked for, else {@code fallback}; one this command does not print is a usage
   * error that names the ones it does.
   */
  public OutputFormat orElse(OutputFormat fallback, OutputFormat... supported) {
    OutputFormat chosen = format == null ? fallback : format;
    List<OutputFormat> accepted = Arrays.asList(supported);
    if (chosen != null && !accepted.contains(chosen)) {
      throw new CliException(ExitCodes.USAGE, "-o " + chosen + ": " + command.name() + " prints "
          + accepted.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }
    return chosen;
  }
}

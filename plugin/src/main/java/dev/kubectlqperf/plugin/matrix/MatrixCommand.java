package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.plugin.CliContext;
import dev.kubectlqperf.plugin.ExitCodes;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf matrix}: the topology matrix; {@code matrix NAME} is {@code matrix get NAME}. */
@Command(name = "matrix", description = "Measure every ordered pair of nodes (a QperfMatrix) and show the heatmap.",
    subcommands = {MatrixCreateCommand.class, MatrixGetCommand.class})
public final class MatrixCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A QperfMatrix to show (as 'matrix get NAME').")
  String name;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default: the heatmaps), json, yaml or csv.")
  OutputFormat output;

  MatrixCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (name == null) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    MatrixApi api = MatrixApi.connect(context, kube.target());
    MatrixOutput.print(api, api.get(name), output, MatrixOutput.colour(context.terminal(), System.getenv("NO_COLOR")),
        spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}

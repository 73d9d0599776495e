package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.MatrixApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf matrix}: the topology matrix; {@code matrix NAME} is {@code matrix get NAME}. */
@Command(name = "matrix", description = {"Measure every ordered pair of nodes (a QperfMatrix) and show the heatmap.",
    "matrix NAME prints a table (the heatmaps, the default), json, yaml or csv (one line per pair)."},
    subcommands = {MatrixCreateCommand.class, MatrixGetCommand.class})
public final class MatrixCommand implements Callable<Integer> {

  private final CliContext context;

  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A QperfMatrix to show (as 'matrix get NAME').")
  String name;

  @Mixin OutputMixin output;

  MatrixCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    if (name == null) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    MatrixApi api = MatrixApi.connect(context.kube(), kube.target());
    MatrixOutput.print(api, api.get(name), output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json,
        OutputFormat.yaml, OutputFormat.csv), MatrixOutput.colour(context.terminal(), System.getenv("NO_COLOR")),
        spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}

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

@Command(name = "get", description = "Show a QperfMatrix: progress, verdict, a heatmap per scenario and metric "
    + "(rows: client node, columns: server node) and the outliers.")
public final class MatrixGetCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  @Parameters(paramLabel = "NAME", description = "The QperfMatrix.")
  String name;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default: the heatmaps), json, yaml or csv (one line per pair).")
  OutputFormat output;

  MatrixGetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    MatrixApi api = MatrixApi.connect(context, kube.target());
    MatrixOutput.print(api, api.get(name), output, MatrixOutput.colour(context.terminal(), System.getenv("NO_COLOR")),
        spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}

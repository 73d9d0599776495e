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

@Command(name = "get", description = {"Show a QperfMatrix: progress, verdict, a heatmap per scenario and metric "
    + "(rows: client node, columns: server node) and the outliers.",
    "Prints a table (the heatmaps, the default), json, yaml or csv (one line per pair)."})
public final class MatrixGetCommand implements Callable<Integer> {

  private final CliContext context;

  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfMatrix.")
  String name;

  @Mixin OutputMixin output;

  MatrixGetCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    MatrixApi api = MatrixApi.connect(context.kube(), kube.target());
    MatrixOutput.print(api, api.get(name), output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json,
        OutputFormat.yaml, OutputFormat.csv), MatrixOutput.colour(context.terminal(), System.getenv("NO_COLOR")),
        spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}

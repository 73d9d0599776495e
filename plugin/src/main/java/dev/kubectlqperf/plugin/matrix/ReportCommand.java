package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.MatrixApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf report NAME -o html > report.html}: a QperfMatrix as one self-contained HTML page. */
@Command(name = "report", description = {"Write a QperfMatrix as one self-contained HTML page (-o html, the default): "
    + "a heatmap per scenario and metric, the outliers, every pair and the run settings.",
    "The page needs no network and runs no script: redirect it to a file and open it anywhere."})
public final class ReportCommand implements Callable<Integer> {

  private final CliContext context;

  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfMatrix.")
  String name;

  @Mixin OutputMixin output;

  ReportCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    output.orElse(OutputFormat.html, OutputFormat.html);
    MatrixApi api = MatrixApi.connect(context.kube(), kube.target());
    QperfMatrix matrix = api.get(name);
    PrintWriter out = spec.commandLine().getOut();
    out.print(MatrixReport.render(matrix, api.pairs(matrix)));
    out.flush();
    return ExitCodes.OK;
  }
}

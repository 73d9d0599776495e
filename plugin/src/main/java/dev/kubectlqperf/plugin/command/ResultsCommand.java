package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.option.RunNameMixin;
import dev.kubectlqperf.plugin.output.ResultPrinter;
import dev.kubectlqperf.plugin.run.ClientResults;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "results", description = {"The parsed result document of a finished run.",
    "Prints a table (the default), json, yaml or csv."})
public final class ResultsCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Mixin RunNameMixin run;
  @Mixin OutputMixin output;

  ResultsCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    OutputFormat format = output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json, OutputFormat.yaml,
        OutputFormat.csv);
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    QperfResult result = ClientResults.load(api, api.get(run.name()));
    new ResultPrinter().print(result, format, spec.commandLine().getOut());
    return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}

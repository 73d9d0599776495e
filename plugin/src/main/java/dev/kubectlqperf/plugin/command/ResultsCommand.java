package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.output.ResultPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "results", description = "The parsed result document of a finished run.")
public final class ResultsCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  @Parameters(paramLabel = "NAME", completionCandidates = QperfNames.class) String name;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), json, yaml or csv.")
  OutputFormat output;

  ResultsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    QperfResult result = ClientResults.load(api, api.get(name));
    new ResultPrinter().print(result, output, spec.commandLine().getOut());
    return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}

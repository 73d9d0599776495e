package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.completion.QperfNames;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", description = "Delete runs; their pods go with them (the server, and the client's log).")
public final class DeleteCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NAME", completionCandidates = QperfNames.class) List<String> names;

  @Option(names = "--all", description = "Delete every run in the namespace.") boolean all;

  DeleteCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    boolean hasNames = names != null && !names.isEmpty();
    if (all == hasNames) {
      throw new CliException(ExitCodes.USAGE, all ? "give NAMEs or --all, not both" : "give at least one NAME, or --all");
    }
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    List<String> targets = all ? api.list(false, null).stream().map(q -> q.getMetadata().getName()).toList() : names;
    int code = ExitCodes.OK;
    for (String name : targets) {
      if (api.delete(name)) {
        spec.commandLine().getOut().println("qperf.perf.kubestone.xridge.io \"" + name + "\" deleted");
      } else {
        spec.commandLine().getErr().println("error: qperves.perf.kubestone.xridge.io \"" + name + "\" not found in namespace "
            + api.namespace());
        code = ExitCodes.NOT_FOUND;
      }
    }
    if (all && targets.isEmpty()) {
      spec.commandLine().getOut().println("No resources found in " + api.namespace() + " namespace.");
    }
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return code;
  }

}

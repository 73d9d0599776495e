package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = "Print a shell completion script: source <(kubectl qperf completion bash)")
public final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh") String shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("kubectl-qperf", spec.root().commandLine());
    switch (shell) {
      case "bash" -> spec.commandLine().getOut().print(script);
      case "zsh" -> spec.commandLine().getOut().print("autoload -U +X compinit && compinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n" + script);
      default -> throw new CliException(ExitCodes.USAGE, "unsupported shell '" + shell + "' (bash or zsh)");
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

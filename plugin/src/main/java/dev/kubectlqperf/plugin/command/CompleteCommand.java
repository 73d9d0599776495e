package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.plugin.completion.CobraCompletion;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import dev.kubectlqperf.plugin.kube.QperfApi;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * cobra's completion protocol, which kubectl speaks to plugins: {@code kubectl_complete-qperf}
 * (installed beside the plugin) runs {@code kubectl qperf __complete WORDS... CURRENT}.
 */
@Command(name = CompleteCommand.NAME, hidden = true)
public final class CompleteCommand implements Callable<Integer> {

  static final String NAME = "__complete";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*") List<String> words = List.of();

  CompleteCommand(CliContext context) {
    this.context = context;
  }

  /** The words are the user's, not ours: no option of the tree may take them. */
  public static void takeWordsVerbatim(CommandLine root) {
    CommandLine complete = root.getSubcommands().get(NAME);
    for (OptionSpec option : List.copyOf(complete.getCommandSpec().options())) {
      complete.getCommandSpec().remove(option);
    }
    complete.setUnmatchedOptionsArePositionalParams(true);
    complete.setEndOfOptionsDelimiter("\0"); // "--" is a word being completed here
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CobraCompletion.complete(spec.root().commandLine(), words, this::runNames).lines().forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  /** The runs in the namespace the words name (-n, --context, --kubeconfig); none when the cluster does not answer. */
  private Iterable<String> runNames() {
    try {
      KubeTarget target = new KubeTarget(flag("--kubeconfig", null), flag("--context", null),
          flag("--namespace", "-n"));
      return QperfApi.connect(context.kube(), target).list(false, null).stream()
          .map((Qperf q) -> q.getMetadata().getName()).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private String flag(String name, String shortName) {
    for (int i = 0; i < words.size() - 1; i++) {
      String word = words.get(i);
      if (word.equals(name) || word.equals(shortName)) {
        return words.get(i + 1);
      }
      if (word.startsWith(name + "=")) {
        return word.substring(name.length() + 1);
      }
    }
    return null;
  }
}

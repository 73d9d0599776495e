package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.plugin.completion.QperfNames;
import picocli.CommandLine.Parameters;

/** The one run (Qperf) a command is about, completed from the cluster in the shell. */
public final class RunNameMixin {

  @Parameters(paramLabel = "NAME", description = "The run: a Qperf's name.", completionCandidates = QperfNames.class)
  String name;

  public String name() {
    return name;
  }
}

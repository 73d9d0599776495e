package dev.kubectlqperf.plugin;

import dev.kubectlqperf.plugin.command.AotTrainingCommand;
import dev.kubectlqperf.plugin.command.CompareCommand;
import dev.kubectlqperf.plugin.command.CompleteCommand;
import dev.kubectlqperf.plugin.command.CompletionCommand;
import dev.kubectlqperf.plugin.command.CreateCommand;
import dev.kubectlqperf.plugin.command.DeleteCommand;
import dev.kubectlqperf.plugin.command.DescribeCommand;
import dev.kubectlqperf.plugin.command.GetCommand;
import dev.kubectlqperf.plugin.command.HelperCommand;
import dev.kubectlqperf.plugin.command.LogsCommand;
import dev.kubectlqperf.plugin.command.ParseCommand;
import dev.kubectlqperf.plugin.command.ResultsCommand;
import dev.kubectlqperf.plugin.command.ShellCommand;
import dev.kubectlqperf.plugin.command.VersionCommand;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.doctor.DoctorCommand;
import dev.kubectlqperf.plugin.failure.Failures;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import dev.kubectlqperf.plugin.matrix.MatrixCommand;
import dev.kubectlqperf.plugin.schedule.HistoryCommand;
import dev.kubectlqperf.plugin.schedule.ScheduleCommand;
import dev.kubectlqperf.plugin.matrix.ReportCommand;
import dev.kubectlqperf.plugin.option.KubeOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code kubectl qperf}: run and inspect qperf network benchmarks in Kubernetes. */
@Command(
    name = "kubectl qperf",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // -h/--help on every subcommand too, as kubectl's
    versionProvider = VersionCommand.Provider.class,
    description = "Run qperf network benchmarks between Kubernetes pods and read their results.",
    subcommands = {CreateCommand.class, GetCommand.class, DescribeCommand.class, LogsCommand.class,
        ResultsCommand.class, CompareCommand.class, DeleteCommand.class, ParseCommand.class, ShellCommand.class,
        CompletionCommand.class, HelperCommand.class, VersionCommand.class, CommandLine.HelpCommand.class,
        AotTrainingCommand.class, CompleteCommand.class, MatrixCommand.class, ReportCommand.class,
        ScheduleCommand.class, HistoryCommand.class, DoctorCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok", "1:the run or the command failed", "2:usage error", "3:not found",
        "4:cluster unreachable or the Qperf CRD is missing (run install.sh)"})
public final class QperfCli implements Runnable {

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  public static void main(String[] args) {
    int code;
    try (KubeConnection kube = new KubeConnection()) {
      CliContext context = new CliContext(System.in, kube, System.console() != null);
      code = commandLine(context, new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }
    System.exit(code);
  }

  /** The whole command tree, wired; tests use this entry, the shell and the helper get it injected. */
  public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    KubeOptions kube = new KubeOptions();
    CommandLine cmd = new CommandLine(QperfCli.class, new CliFactory(context, QperfCli::commandLine, kube));
    kube.addServerFlag(cmd);
    CompleteCommand.takeWordsVerbatim(cmd);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorHandler(kube));
    cmd.setExitCodeExceptionMapper(Failures::exitCodeOf);
    // --options '-v -t 10': qperf options are values here, not ours.
    cmd.setAllowOptionsAsOptionParameters(true);
    return cmd;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

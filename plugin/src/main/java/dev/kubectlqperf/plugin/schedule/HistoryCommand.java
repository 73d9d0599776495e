package dev.kubectlqperf.plugin.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.ScheduleApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf history NAME}: a schedule's last runs, a sparkline per headline metric, the trend. */
@Command(name = "history", description = {"Show the last runs of a QperfSchedule, a sparkline per headline metric and "
    + "the trend verdict of the latest run against the ones before.",
    "Prints a table (the default), json or csv (one line per run and metric). Exits 1 when the trend is Regressed, "
        + "so it can gate a CI job."})
public final class HistoryCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfSchedule.")
  String name;

  @Mixin OutputMixin output;

  HistoryCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() throws Exception {
    QperfSchedule schedule = ScheduleApi.connect(context.kube(), kube.target()).get(name);
    var out = spec.commandLine().getOut();
    switch (output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json, OutputFormat.csv)) {
      case json -> out.println(HistoryView.json(schedule));
      case csv -> out.print(HistoryView.csv(schedule));
      default -> out.print(HistoryView.text(schedule, context.terminal()));
    }
    out.flush();
    boolean regressed = schedule.getStatus() != null && schedule.getStatus().trend() != null
        && schedule.getStatus().trend().verdict() == TrendVerdict.Regressed;
    return regressed ? ExitCodes.FAILURE : ExitCodes.OK;
  }
}

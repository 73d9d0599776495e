package dev.kubectlqperf.plugin.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.ScheduleApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.output.Table;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", description = {"List the QperfSchedules of the namespace, or show one.",
    "Prints a table (the default), json or yaml."})
public final class ScheduleGetCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "One QperfSchedule; all of the namespace without.")
  String name;

  @Mixin OutputMixin output;

  ScheduleGetCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    ScheduleApi api = ScheduleApi.connect(context.kube(), kube.target());
    List<QperfSchedule> schedules = name == null ? api.list() : List.of(api.get(name));
    var out = spec.commandLine().getOut();
    switch (output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json, OutputFormat.yaml)) {
      case json -> out.println(Serialization.asJson(name == null ? schedules : schedules.get(0)));
      case yaml -> out.print(Serialization.asYaml(name == null ? schedules : schedules.get(0)));
      default -> {
        Table table = new Table("NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "RUNS", "TREND");
        for (QperfSchedule s : schedules) {
          var status = s.getStatus();
          table.row(s.getMetadata().getName(), s.getSpec() == null ? "" : s.getSpec().schedule(),
              String.valueOf(s.getSpec() != null && s.getSpec().suspended()),
              status == null || status.activeCount() == null ? "0" : status.activeCount().toString(),
              status == null || status.lastScheduleTime() == null ? "<none>" : status.lastScheduleTime(),
              status == null ? "0" : String.valueOf(status.runsOrEmpty().size()),
              status == null || status.trend() == null ? "<none>" : status.trend().verdict().name());
        }
        if (table.isEmpty()) {
          spec.commandLine().getErr().println("No QperfSchedules found.");
        } else {
          table.print(out);
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}

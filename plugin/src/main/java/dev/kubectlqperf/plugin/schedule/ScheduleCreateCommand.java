package dev.kubectlqperf.plugin.schedule;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.schedule.ConcurrencyPolicy;
import dev.kubectlqperf.model.schedule.CronSchedule;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleSpec;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.ScheduleApi;
import dev.kubectlqperf.plugin.option.MatrixSpecOptions;
import dev.kubectlqperf.plugin.option.KubeOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", description = "Create a QperfSchedule: a Qperf run of these tests, or with --matrix a "
    + "QperfMatrix of every pair of nodes, at every due time of the cron schedule.")
public final class ScheduleCreateCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfSchedule (at most " + QperfSchedule.MAX_NAME_LENGTH
      + " characters).")
  String name;

  @Option(names = "--cron", required = true, paramLabel = "SCHEDULE",
      description = "When to run, 5 cron fields as a CronJob's, e.g. '*/15 * * * *', or @hourly, @daily.")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "The schedule's time zone, e.g. Europe/Paris "
      + "(default: UTC).")
  String timeZone;

  @Option(names = "--concurrency-policy", paramLabel = "POLICY", description = "Forbid (default), Replace or Allow.")
  ConcurrencyPolicy concurrencyPolicy;

  @Option(names = "--suspend", description = "Create it suspended.")
  boolean suspend;

  @Option(names = "--tests", split = ",", defaultValue = "tcp_bw,tcp_lat", paramLabel = "TEST",
      description = "qperf tests (default: tcp_bw,tcp_lat).")
  List<String> tests;

  @Option(names = "--options", paramLabel = "OPTIONS", description = "qperf client options, e.g. '-t 5'.")
  String options;

  @Option(names = "--matrix", description = "Each due time runs a QperfMatrix: the tests between every ordered pair "
      + "of the selected nodes.")
  boolean matrix;

  @Mixin MatrixSpecOptions shape = new MatrixSpecOptions();

  @Option(names = "--repetitions", paramLabel = "N", description = "Client runs per run; more than one gives each run a "
      + "confidence interval for the trend (default: 1).")
  Integer repetitions;

  ScheduleCreateCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    try {
      CronSchedule.parse(cron, timeZone);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    if (shape.given() && !matrix) {
      throw new CliException(ExitCodes.USAGE, "--nodes, --scenario and --concurrency choose a matrix's pairs: add "
          + "--matrix");
    }
    QperfSpec template = new QperfSpec(null, options, tests, null, null, null, null, null, repetitions, null);
    QperfSchedule schedule = new QperfSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName(name).build());
    schedule.setSpec(new QperfScheduleSpec(cron, timeZone, suspend ? Boolean.TRUE : null, concurrencyPolicy, null,
        null, null, null, null, matrix ? null : template, matrix ? shape.spec(template) : null));
    ScheduleApi api = ScheduleApi.connect(context.kube(), kube.target());
    QperfSchedule created = api.create(schedule);
    spec.commandLine().getOut().println("qperfschedule.perf.kubestone.xridge.io/" + created.getMetadata().getName()
        + " created");
    return ExitCodes.OK;
  }
}

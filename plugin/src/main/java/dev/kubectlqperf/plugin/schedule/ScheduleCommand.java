package dev.kubectlqperf.plugin.schedule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf schedule}: measurements on a cron schedule (QperfSchedule). */
@Command(name = "schedule", description = {"Measure on a cron schedule (a QperfSchedule); 'history NAME' shows its runs "
    + "and trend."}, subcommands = {ScheduleCreateCommand.class, ScheduleGetCommand.class})
public final class ScheduleCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

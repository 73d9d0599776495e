package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.RunNameMixin;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "logs", description = "The raw qperf output of a run's client (or, with --server, its server).")
public final class LogsCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Mixin RunNameMixin run;

  @Option(names = "--server", description = "The server's log instead of the client's.") boolean server;

  @Option(names = "--repetition", paramLabel = "N", defaultValue = "1",
      description = "The client of this repetition (default: 1).")
  int repetition;

  @Option(names = "--stream", paramLabel = "N", defaultValue = "1",
      description = "The client or server of this stream, with --parallel (default: 1).")
  int stream;

  @Option(names = {"-f", "--follow"}, description = "Keep streaming the log (Ctrl-C stops).") boolean follow;

  LogsCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() throws InterruptedException {
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    Qperf qperf = api.get(run.name());
    String pod = server ? serverPod(api, qperf) : clientPod(api, qperf, repetition);
    int streams = qperf.asRun().parallel();
    if (stream < 1 || stream > streams) {
      throw new CliException(ExitCodes.USAGE, "--stream: run " + qperf.getMetadata().getName() + " has " + streams
          + " stream" + (streams == 1 ? "" : "s") + ", got " + stream);
    }
    String container = QperfResources.streamContainer(
        server ? QperfResources.SERVER_CONTAINER : QperfResources.CLIENT_CONTAINER, stream);
    if (follow) {
      OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
          spec.commandLine().getOut().write(b);
          spec.commandLine().getOut().flush();
        }
      };
      try (var ignored = api.followLog(pod, container, out)) {
        new CountDownLatch(1).await();
      } catch (java.io.IOException e) {
        throw new CliException(ExitCodes.FAILURE, "log stream of " + pod + " ended: " + e.getMessage());
      }
    } else {
      String log = api.log(pod, container);
      spec.commandLine().getOut().print(log == null ? "" : log);
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  private static String clientPod(QperfApi api, Qperf qperf, int repetition) {
    int repetitions = qperf.repetitions();
    if (repetition < 1 || repetition > repetitions) {
      throw new CliException(ExitCodes.USAGE, "--repetition: run " + qperf.getMetadata().getName() + " has "
          + repetitions + " repetition" + (repetitions == 1 ? "" : "s") + ", got " + repetition);
    }
    Pod pod = api.clientPod(qperf, repetition);
    if (pod == null) {
      throw new CliException(ExitCodes.NOT_FOUND, "run " + qperf.getMetadata().getName() + " has no client pod"
          + (repetitions == 1 ? "" : " for repetition " + repetition) + " yet");
    }
    return pod.getMetadata().getName();
  }

  private static String serverPod(QperfApi api, Qperf qperf) {
    List<Pod> pods = api.serverPods(qperf);
    if (pods.isEmpty()) {
      throw new CliException(ExitCodes.NOT_FOUND, "run " + qperf.getMetadata().getName()
          + " has no server pod (it is deleted when the run ends)");
    }
    return pods.get(0).getMetadata().getName();
  }
}

package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.MatrixApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.MatrixSpecOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", description = "Create a QperfMatrix: every ordered pair of the selected nodes, one pair "
    + "run per scenario, pairs that share no node running at once.")
public final class MatrixCreateCommand implements Callable<Integer> {

  private static final Duration WAIT_AT_MOST = Duration.ofDays(7);
  private final CliContext context;

  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfMatrix's name.")
  String name;

  @Mixin MatrixSpecOptions shape = new MatrixSpecOptions();

  @Option(names = "--tests", split = ",", defaultValue = "tcp_bw,tcp_lat", paramLabel = "TEST",
      description = "qperf tests of each pair (default: tcp_bw,tcp_lat).")
  List<String> tests;

  @Option(names = "--options", paramLabel = "OPTIONS", description = "qperf client options, e.g. '-t 5'.")
  String options;

  @Option(names = "--ip-family", paramLabel = "FAMILY", description = "IPv4 or IPv6: every pair measures over this "
      + "family (default: the cluster's primary).")
  IpFamily ipFamily;

  @Option(names = "--wait", description = "Print progress until the matrix ends, then its heatmaps.")
  boolean wait;

  MatrixCreateCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    MatrixApi api = MatrixApi.connect(context.kube(), kube.target());
    PrintWriter out = spec.commandLine().getOut();
    api.create(matrix(api.namespace()));
    out.println(QperfMatrix.SINGULAR + "." + Qperf.GROUP + "/" + name + " created");
    out.flush();
    if (!wait) {
      return ExitCodes.OK;
    }
    AtomicReference<String> last = new AtomicReference<>();
    QperfMatrix done = api.await(name, m -> {
      String line = MatrixView.progressLine(m);
      if (!line.equals(last.getAndSet(line))) {
        out.println(line);
        out.flush();
      }
      return m.getStatus() != null && m.getStatus().getPhase() != null && m.getStatus().getPhase().isFinal();
    }, WAIT_AT_MOST);
    out.println();
    MatrixOutput.print(api, done, OutputFormat.table,
        MatrixOutput.colour(context.terminal(), System.getenv("NO_COLOR")), out);
    boolean passed = done.getStatus().getPhase() == QperfPhase.Completed
        && done.getStatus().getVerdict() != MatrixVerdict.Failed;
    return passed ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  QperfMatrix matrix(String namespace) {
    QperfSpec template = new QperfSpec(null, options, tests, null, null, null, null, null, null, null)
        .withIpFamily(ipFamily);
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    m.setSpec(shape.spec(template));
    return m;
  }
}

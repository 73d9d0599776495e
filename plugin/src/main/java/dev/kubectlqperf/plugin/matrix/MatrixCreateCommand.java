package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.MatrixApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
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
  private static final Pattern LABEL_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private final CliContext context;

  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The QperfMatrix's name.")
  String name;

  @Option(names = "--nodes", paramLabel = "SELECTOR", description = "Only nodes with these labels: key=value[,key=value].")
  String nodes;

  @Option(names = "--scenario", paramLabel = "SCENARIO", description = "Repeatable: PodToPod (default), ClusterIP, "
      + "HostNetworkServer, HostNetworkClient, HostNetworkBoth.")
  List<Scenario> scenarios;

  @Option(names = "--tests", split = ",", defaultValue = "tcp_bw,tcp_lat", paramLabel = "TEST",
      description = "qperf tests of each pair (default: tcp_bw,tcp_lat).")
  List<String> tests;

  @Option(names = "--options", paramLabel = "OPTIONS", description = "qperf client options, e.g. '-t 5'.")
  String options;

  @Option(names = "--ip-family", paramLabel = "FAMILY", description = "IPv4 or IPv6: every pair measures over this "
      + "family (default: the cluster's primary).")
  IpFamily ipFamily;

  @Option(names = "--concurrency", paramLabel = "N", description = "At most N pairs at once (default: as many as the "
      + "nodes allow).")
  Integer concurrency;

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
    m.setSpec(new QperfMatrixSpec(nodeSelector(nodes), null, null, null, null, null, null, scenarios, template,
        concurrency, null));
    return m;
  }

  /** {@code key=value,key=value}; set-based selectors are for the manifest's matchExpressions. */
  static Map<String, String> nodeSelector(String selector) {
    if (selector == null || selector.isBlank()) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String term : selector.split(",")) {
      String[] kv = term.strip().split("==?", 2);
      if (kv.length != 2 || !LABEL_PART.matcher(kv[0].strip()).matches() || !LABEL_PART.matcher(kv[1].strip()).matches()) {
        throw new CliException(ExitCodes.USAGE, "--nodes: '" + term + "' is not key=value; for other node "
            + "selections write a QperfMatrix manifest with matchExpressions");
      }
      labels.put(kv[0].strip(), kv[1].strip());
    }
    return labels;
  }
}

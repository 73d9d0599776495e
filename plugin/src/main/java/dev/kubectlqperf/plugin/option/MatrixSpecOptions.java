package dev.kubectlqperf.plugin.option;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The flags that shape a matrix beyond its pair's test: which nodes, which scenarios, how many pairs at once. */
public final class MatrixSpecOptions {

  private static final Pattern LABEL_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

  @Option(names = "--nodes", paramLabel = "SELECTOR", description = "Only nodes with these labels: key=value[,key=value].")
  String nodes;

  @Option(names = "--scenario", paramLabel = "SCENARIO", description = "Repeatable: PodToPod (default), ClusterIP, "
      + "HostNetworkServer, HostNetworkClient, HostNetworkBoth.")
  List<Scenario> scenarios;

  @Option(names = "--concurrency", paramLabel = "N", description = "At most N pairs at once (default: as many as the "
      + "nodes allow).")
  Integer concurrency;

  /** Whether any of these flags was given. */
  public boolean given() {
    return nodes != null || scenarios != null || concurrency != null;
  }

  /** A matrix of every pair of the selected nodes, each pair run with this template. */
  public QperfMatrixSpec spec(QperfSpec template) {
    return new QperfMatrixSpec(nodeSelector(nodes), null, null, null, null, null, null, scenarios, template,
        concurrency, null);
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

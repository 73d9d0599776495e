package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.ImageSpec;
import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.PodScheduling;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfConfiguration;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.qperf.QperfValues;
import dev.kubectlqperf.model.validation.QperfValidator;
import dev.kubectlqperf.model.validation.ValidationResult;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.output.QperfPrinter;
import dev.kubectlqperf.plugin.run.RunFollower;
import dev.kubectlqperf.plugin.spec.Placement;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", description = {"Create a Qperf run from flags or a manifest (Kubestone's too).",
    "With -o (name, json or yaml) prints the created Qperf instead of a line."},
    footer = {"%nExamples:",
        "  kubectl qperf create pod2pod --tests tcp_bw,tcp_lat --options '-v -t 10' --cross-node --wait",
        "  kubectl qperf create -f perf_v1alpha1_qperf.yaml",
        "  kubectl qperf create q1 --tests tcp_lat --dry-run=client -o yaml"})
public final class CreateCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Name of the run (optional with -f).")
  String name;

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "A Qperf manifest; - reads standard input.")
  String file;

  @Option(names = "--tests", split = ",", paramLabel = "TEST", description = "qperf tests, e.g. tcp_bw,tcp_lat.")
  List<String> tests;

  @Option(names = "--options", paramLabel = "OPTIONS", description = "qperf client options, e.g. '-v -t 10'.")
  String options;

  @Option(names = "--image", paramLabel = "IMAGE", description = "qperf image (default: xridge/qperf:0.4.11-r0).")
  String image;

  @Option(names = "--server-node", paramLabel = "NODE", description = "Run the server on this node.")
  String serverNode;

  @Option(names = "--client-node", paramLabel = "NODE", description = "Run the client on this node.")
  String clientNode;

  @ArgGroup(exclusive = true)
  Relation relation;

  static final class Relation {
    @Option(names = "--cross-node", description = "Client and server on different nodes.") boolean crossNode;
    @Option(names = "--same-node", description = "Client and server on the same node.") boolean sameNode;
  }

  @Option(names = "--host-network", description = "Both pods on the nodes' network (not Pod Security 'restricted').")
  boolean hostNetwork;

  @Option(names = "--service-type", paramLabel = "TYPE", description = "Headless (default) or ClusterIP.")
  ServiceType serviceType;

  @Option(names = "--ip-family", paramLabel = "FAMILY",
      description = "IPv4 or IPv6: the family the client reaches the server over (default: the cluster's primary).")
  IpFamily ipFamily;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Whole-run timeout: 600, 90s, 10m, 1h.")
  String timeout;

  @Option(names = "--repetitions", paramLabel = "N", description = "Run the client N times against one server (default: 1).")
  Integer repetitions;

  @Option(names = "--parallel", paramLabel = "N",
      description = "Run N streams at once, each its own qperf server and client (default: 1, at most 16); the "
          + "result has each stream and their sum.")
  Integer parallel;

  @Option(names = "--threshold", paramLabel = "RULE",
      description = "A rule the results must meet, repeatable: 'tcp_bw bw at least 1 GB/sec', "
          + "'tcp_lat latency p99 at most 50 us', 'cv at most 10 %%', 'tcp_bw bw sum at least 3 GB/sec' (over the "
          + "--parallel streams). With --wait, exit 1 when one fails.")
  List<String> thresholds;

  @Option(names = "--sinks", split = ",", paramLabel = "SINK", description = "file, influxdb, slack.")
  List<String> sinks;

  @Option(names = "--dry-run", paramLabel = "none|client", defaultValue = "none",
      description = "client: print what would be created, create nothing.")
  String dryRun;

  @Mixin OutputMixin output;

  @Option(names = "--wait", description = "Follow the run to its end, then print its results.")
  boolean waitForEnd;

  CreateCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() throws Exception {
    if (!dryRun.equals("none") && !dryRun.equals("client")) {
      throw new CliException(ExitCodes.USAGE, "--dry-run must be none or client, got '" + dryRun + "'");
    }
    Qperf qperf = file != null ? fromFile() : fromFlags();
    if (qperf.getMetadata().getNamespace() == null || kube.target().namespace() != null) {
      qperf.getMetadata().setNamespace(context.kube().namespace(kube.target()));
    }
    ValidationResult validation = QperfValidator.validate(qperf);
    if (!validation.isValid()) {
      throw new CliException(ExitCodes.USAGE, "invalid Qperf: " + validation.message());
    }
    OutputFormat format = output.orElse(dryRun.equals("client") ? OutputFormat.yaml : null, OutputFormat.name,
        OutputFormat.json, OutputFormat.yaml);
    QperfPrinter printer = new QperfPrinter(Clock.systemUTC());
    if (dryRun.equals("client")) {
      printer.print(List.of(qperf), format, false, true, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    QperfApi api = QperfApi.connect(context.kube(), kube.target(), qperf.getMetadata().getNamespace());
    Qperf created = api.create(qperf);
    if (format != null) {
      printer.print(List.of(created), format, false, true, spec.commandLine().getOut());
    } else {
      spec.commandLine().getOut().println("qperf.perf.kubestone.xridge.io/" + created.getMetadata().getName() + " created");
    }
    spec.commandLine().getOut().flush();
    return waitForEnd ? new RunFollower(api, context.terminal(), spec.commandLine().getOut(),
        spec.commandLine().getErr()).follow(created) : ExitCodes.OK;
  }

  private Qperf fromFlags() {
    if (name == null) {
      throw new CliException(ExitCodes.USAGE, "a NAME is required (or -f FILE)");
    }
    if (tests == null || tests.isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "--tests is required, e.g. --tests tcp_bw,tcp_lat");
    }
    PodScheduling clientScheduling = relation == null ? Placement.onNode(clientNode)
        : Placement.relativeToServer(name, clientNode, relation.sameNode);
    Long timeoutSeconds = timeout == null ? null : parseTimeout(timeout);
    Boolean host = hostNetwork ? Boolean.TRUE : null;
    QperfSpec s = new QperfSpec(image == null ? null : new ImageSpec(image, null, null), options, tests,
        side(Placement.onNode(serverNode), host), side(clientScheduling, host), timeoutSeconds, serviceType, null,
        repetitions, sinks, thresholds, parallel, ipFamily);
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withName(name).build());
    q.setSpec(s);
    return q;
  }

  private static QperfConfiguration side(PodScheduling scheduling, Boolean hostNetwork) {
    return scheduling == null && hostNetwork == null ? null
        : new QperfConfiguration(null, null, scheduling, null, hostNetwork);
  }

  private static long parseTimeout(String text) {
    try {
      return QperfValues.parseTime(text, "--timeout");
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--timeout: " + e.getMessage() + " (use e.g. 600, 90s, 10m, 1h)");
    }
  }

  private Qperf fromFile() throws IOException {
    if (tests != null || options != null || image != null || serverNode != null || clientNode != null
        || relation != null || hostNetwork || serviceType != null || timeout != null || sinks != null
        || repetitions != null || thresholds != null || parallel != null || ipFamily != null) {
      throw new CliException(ExitCodes.USAGE, "-f takes the spec from the file; drop the spec flags");
    }
    Qperf q;
    try (InputStream in = file.equals("-") ? context.stdin() : Files.newInputStream(Path.of(file))) {
      q = new KubernetesSerialization().unmarshal(in, Qperf.class);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.NOT_FOUND, "no such file: " + file);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new CliException(ExitCodes.USAGE, file + " is not a Qperf manifest: " + e.getMessage());
    }
    if (q == null || q.getMetadata() == null) {
      throw new CliException(ExitCodes.USAGE, file + " is not a Qperf manifest");
    }
    if (name != null) {
      q.getMetadata().setName(name);
    }
    q.setStatus(null);
    return q;
  }
}

package dev.kubectlqperf.plugin.doctor;

import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.diagnosis.BenchmarkPolicy;
import dev.kubectlqperf.plugin.diagnosis.Finding;
import dev.kubectlqperf.plugin.diagnosis.Report;
import dev.kubectlqperf.plugin.diagnosis.RunAsk;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.failure.Failures;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.KubectlDuration;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.output.KubectlYaml;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubectl qperf doctor}: will a run work here, and if not, why. */
@Command(name = "doctor", description = {"Check what a run needs in this cluster and namespace: the CRDs, a "
    + "pipeline leading and watching the namespace, your rights, schedulable nodes and their taints, Pod Security, "
    + "NetworkPolicies, and with --probe a pod per node (image, MTU, IPv6).",
    "Prints a table (CHECK, STATUS ✓/✗/!, DETAIL, FIX) or json; exits 0 when nothing failed, 1 otherwise.",
    "--fix applies a NetworkPolicy that admits the qperf ports between the benchmark pods (after a prompt, "
        + "or with --yes); --fix --dry-run=client -o yaml prints it instead."})
public final class DoctorCommand implements Callable<Integer> {

  private static final String POLICY_CHECK = "network policy";
  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;
  @Mixin OutputMixin output;

  @Option(names = "--host-network", description = "Check for a run on the nodes' network (needs Pod Security privileged).")
  boolean hostNetwork;

  @Option(names = "--cross-node", description = "Check for a run with client and server on different nodes (two schedulable nodes).")
  boolean crossNode;

  @Option(names = "--image", paramLabel = "IMAGE", description = "The run's image, for --probe (default: " + QperfDefaults.IMAGE + ").")
  String image = QperfDefaults.IMAGE;

  @Option(names = "--service-type", paramLabel = "TYPE", description = "The run's Service type: Headless (default; "
      + "qperf picks the data port) or ClusterIP (the data port is pinned).")
  ServiceType serviceType = ServiceType.Headless;

  @Option(names = "--data-port", paramLabel = "PORT", description = "The run's data port with ClusterIP (default: " + QperfDefaults.DATA_PORT + ").")
  int dataPort = QperfDefaults.DATA_PORT;

  @Option(names = "--pipeline-namespace", paramLabel = "NS", description = "Where an in-cluster pipeline runs (default: qperf-system).")
  String pipelineNamespace = "qperf-system";

  @Option(names = "--probe", description = "Run a short-lived pod per schedulable node: does the image start, the pod's MTU, IPv6.")
  boolean probe;

  @Option(names = "--probe-timeout", paramLabel = "DURATION", converter = KubectlDuration.class,
      description = "How long the probe pods may take (default: 60s); they are deleted afterwards in any case.")
  Duration probeTimeout = Duration.ofSeconds(60);

  @Option(names = "--fix", description = "Apply NetworkPolicy " + BenchmarkPolicy.NAME + " admitting the qperf ports between the benchmark pods.")
  boolean fix;

  @Option(names = {"-y", "--yes"}, description = "With --fix: apply without asking.")
  boolean yes;

  @Option(names = "--dry-run", paramLabel = "none|client", defaultValue = "none",
      description = "With --fix: client prints the NetworkPolicy (-o yaml or json) and applies nothing.")
  String dryRun;

  DoctorCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    if (!dryRun.equals("none") && !dryRun.equals("client")) {
      throw new CliException(ExitCodes.USAGE, "--dry-run must be none or client, not " + dryRun);
    }
    boolean printPolicy = fix && dryRun.equals("client");
    OutputFormat format = printPolicy ? output.orElse(OutputFormat.yaml, OutputFormat.yaml, OutputFormat.json)
        : output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.json);
    PrintWriter out = spec.commandLine().getOut();
    KubeTarget target = kube.target();
    KubernetesClient client;
    String namespace;
    try {
      namespace = context.kube().namespace(target);
      if (printPolicy) {
        return printPolicy(new RunAsk(namespace, hostNetwork, crossNode, image, serviceType, dataPort, List.of()),
            format, out);
      }
      client = context.kube().client(target);
    } catch (RuntimeException e) {
      print(new Report(List.of(Finding.fail("cluster", Failures.messageOf(e), "check --context and --kubeconfig"))),
          format, out);
      return ExitCodes.FAILURE;
    }
    RunAsk ask = new RunAsk(namespace, hostNetwork, crossNode, image, serviceType, dataPort, List.of());
    Doctor doctor = new Doctor(new ClusterReader(client), new LocalPipelines(System.getenv()), Clock.systemUTC());
    List<Finding> findings = new ArrayList<>(doctor.run(ask, new Doctor.Scope(pipelineNamespace, kubeconfig(target),
        target.overrides().as(), probe, probeTimeout)));
    print(new Report(findings), format, out);
    boolean reached = findings.stream().anyMatch(f -> f.check().equals(POLICY_CHECK));
    if (fix && !reached) {
      out.println("--fix: nothing applied, the cluster did not answer");
      out.flush();
    } else if (fix && applyPolicy(client, ask, out)) {
      Finding after = doctor.policy(ask, new ClusterReader(client).namespace(namespace));
      findings.replaceAll(f -> f.check().equals(POLICY_CHECK) ? after : f);
      out.println("network policy now: " + after.status().symbol() + " " + after.detail());
      out.flush();
    }
    return new Report(findings).passed() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** The policy alone, so that it can be piped to kubectl apply -f -. */
  private static int printPolicy(RunAsk ask, OutputFormat format, PrintWriter out) {
    NetworkPolicy policy = BenchmarkPolicy.policy(ask);
    out.print(format == OutputFormat.json ? new KubernetesSerialization().asJson(policy) + "\n"
        : new KubectlYaml(new KubernetesSerialization()).write(policy));
    out.flush();
    return ExitCodes.OK;
  }

  private boolean applyPolicy(KubernetesClient client, RunAsk ask, PrintWriter out) {
    if (!yes) {
      out.print("Apply NetworkPolicy " + BenchmarkPolicy.NAME + " in " + ask.namespace() + " ("
          + BenchmarkPolicy.describe(ask) + ")? [y/N] ");
      out.flush();
      if (!confirmed()) {
        out.println("not applied (answer y, or pass --yes)");
        out.flush();
        return false;
      }
    }
    try {
      client.network().v1().networkPolicies().inNamespace(ask.namespace()).resource(BenchmarkPolicy.policy(ask))
          .forceConflicts().serverSideApply();
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot apply NetworkPolicy " + BenchmarkPolicy.NAME + ": "
          + Failures.messageOf(e));
    }
    out.println("networkpolicy.networking.k8s.io/" + BenchmarkPolicy.NAME + " applied in " + ask.namespace());
    out.flush();
    return true;
  }

  private boolean confirmed() {
    try {
      String answer = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8)).readLine();
      return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  /** As install.sh records it for the local pipeline: --kubeconfig, else $KUBECONFIG, else empty. */
  private static String kubeconfig(KubeTarget target) {
    if (target.kubeconfig() != null) {
      return target.kubeconfig();
    }
    String env = System.getenv("KUBECONFIG");
    return env == null ? "" : env;
  }

  private static void print(Report report, OutputFormat format, PrintWriter out) {
    if (format == OutputFormat.json) {
      out.println(report.json());
    } else {
      report.printTable(out);
    }
    out.flush();
  }
}

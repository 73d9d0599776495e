package dev.kubectlqperf.plugin.doctor;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.plugin.diagnosis.Access;
import dev.kubectlqperf.plugin.diagnosis.CrdCheck;
import dev.kubectlqperf.plugin.diagnosis.Fetched;
import dev.kubectlqperf.plugin.diagnosis.Finding;
import dev.kubectlqperf.plugin.diagnosis.IpFamilyCheck;
import dev.kubectlqperf.plugin.diagnosis.LocalPipeline;
import dev.kubectlqperf.plugin.diagnosis.NodeCheck;
import dev.kubectlqperf.plugin.diagnosis.PipelineCheck;
import dev.kubectlqperf.plugin.diagnosis.PodSecurityCheck;
import dev.kubectlqperf.plugin.diagnosis.PolicyCheck;
import dev.kubectlqperf.plugin.diagnosis.ProbeCheck;
import dev.kubectlqperf.plugin.diagnosis.RightsCheck;
import dev.kubectlqperf.plugin.diagnosis.RunAsk;
import dev.kubectlqperf.plugin.diagnosis.SinkCheck;
import dev.kubectlqperf.plugin.failure.Failures;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs doctor's checks in order: reads through {@link ClusterReader}, judges with the pure checks. */
final class Doctor {

  /** Where deploy/ runs the pipeline; its Lease and ConfigMap share the Deployment's name. */
  static final String PIPELINE = "qperf-pipeline";
  private static final String APPLY_CRDS = "./install.sh, or kubectl apply -f crd/" + Qperf.CRD_NAME + ".yaml -f crd/"
      + QperfMatrix.CRD_NAME + ".yaml";
  private final ClusterReader reader;
  private final LocalPipelines locals;
  private final Clock clock;

  Doctor(ClusterReader reader, LocalPipelines locals, Clock clock) {
    this.reader = reader;
    this.locals = locals;
    this.clock = clock;
  }

  /** Options beyond the run's ask: where the pipeline would be, who the user is, and the probe. */
  record Scope(String pipelineNamespace, String kubeconfig, String user, boolean probe, Duration probeTimeout) {}

  List<Finding> run(RunAsk ask, Scope scope) {
    List<Finding> findings = new ArrayList<>();
    VersionInfo version;
    try {
      version = version();
    } catch (RuntimeException e) {
      findings.add(Finding.fail("cluster", Failures.messageOf(e), "check --context, --kubeconfig, and that the API "
          + "server runs (kubectl version)"));
      return findings;
    }
    findings.add(Finding.pass("cluster", reader.server() + ", Kubernetes " + version.getGitVersion()));
    findings.add(CrdCheck.evaluate(Qperf.KIND, shipped(Qperf.CRD_NAME), reader.crd(Qperf.CRD_NAME), APPLY_CRDS));
    findings.add(CrdCheck.evaluate(QperfMatrix.KIND, shipped(QperfMatrix.CRD_NAME), reader.crd(QperfMatrix.CRD_NAME),
        APPLY_CRDS));
    findings.addAll(pipeline(ask, scope));
    Map<String, List<Access>> needs = RightsCheck.needs(scope.probe());
    Map<Access, Fetched<Boolean>> answers = new LinkedHashMap<>();
    needs.values().stream().flatMap(List::stream).distinct()
        .forEach(a -> answers.put(a, reader.allowed(a, ask.namespace())));
    findings.addAll(RightsCheck.evaluate(ask.namespace(), scope.user(), needs, answers));
    Fetched<List<Node>> nodes = reader.nodes();
    findings.addAll(NodeCheck.evaluate(nodes, ask));
    Fetched<Namespace> namespace = reader.namespace(ask.namespace());
    findings.add(PodSecurityCheck.evaluate(namespace, ask, podSecurityAdmission(version)));
    findings.add(policy(ask, namespace));
    findings.add(IpFamilyCheck.evaluate(reader.dualStackDryRun(ask.namespace()), reader.kubernetesService()));
    if (scope.probe()) {
      findings.addAll(probe(ask, nodes, scope.probeTimeout()));
    }
    return findings;
  }

  /**
   * Asked twice when there was no answer: the first TLS handshake of a cold JVM on a loaded machine
   * can outlast the connect timeout, and "unreachable" should mean it.
   */
  private VersionInfo version() {
    try {
      return reader.version();
    } catch (RuntimeException e) {
      if (!Failures.unreachable(e)) {
        throw e;
      }
      return reader.version();
    }
  }

  Finding policy(RunAsk ask, Fetched<Namespace> namespace) {
    return PolicyCheck.evaluate(reader.networkPolicies(ask.namespace()), namespace.value(), ask);
  }

  private List<Finding> pipeline(RunAsk ask, Scope scope) {
    String ns = scope.pipelineNamespace();
    var inCluster = new PipelineCheck.InCluster(ns, PIPELINE, reader.lease(ns, PIPELINE), reader.configMap(ns, PIPELINE));
    LocalPipeline local = locals.find();
    boolean leads = PipelineCheck.fresh(inCluster.lease().value(), clock.instant());
    List<Finding> findings = new ArrayList<>();
    findings.add(PipelineCheck.running(inCluster, local, scope.kubeconfig(), clock.instant()));
    if (!leads && local == null) {
      return findings;
    }
    findings.add(PipelineCheck.watches(inCluster, local, ask.namespace(), leads));
    if (leads) {
      var data = inCluster.config().value() == null ? null : inCluster.config().value().getData();
      findings.add(SinkCheck.evaluate(data == null ? null : data.getOrDefault("QPERF_SINKS", ""),
          "configmap/" + PIPELINE + " -n " + ns, "kubectl -n " + ns + " port-forward deploy/" + PIPELINE
              + " 8080 & curl -s localhost:8080/observe/health/ready; kubectl -n " + ns + " logs deploy/" + PIPELINE));
    } else {
      findings.add(SinkCheck.evaluate(local.sinks(), "the local pipeline's environment", "grep -i sink "
          + locals.state().resolve("pipeline.log") + " (failed deliveries are logged and dead-lettered)"));
    }
    return findings;
  }

  private List<Finding> probe(RunAsk ask, Fetched<List<Node>> nodes, Duration timeout) {
    if (!nodes.ok()) {
      return List.of(Finding.warn("probe", "no nodes to probe (cannot list them)", "kubectl get nodes"));
    }
    List<String> names = nodes.value().stream().filter(n -> NodeCheck.schedulable(n, ask))
        .map(n -> n.getMetadata().getName()).toList();
    if (names.isEmpty()) {
      return List.of(Finding.fail("probe", "no schedulable node to probe", "see nodes"));
    }
    return ProbeCheck.evaluate(new Probes(reader.client()).run(ask.namespace(), names, ask.image(), timeout),
        ask.image());
  }

  /** Pod Security admission is built in from Kubernetes 1.23; null when the version does not say. */
  static Boolean podSecurityAdmission(VersionInfo version) {
    try {
      int major = Integer.parseInt(version.getMajor().replaceAll("\\D", ""));
      int minor = Integer.parseInt(version.getMinor().replaceAll("\\D", ""));
      return major > 1 || minor >= 23;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The CRD this plugin ships (the crd module's jar, the same file install.sh applies). */
  static CustomResourceDefinition shipped(String name) {
    try (InputStream in = Doctor.class.getClassLoader().getResourceAsStream("crd/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("crd/" + name + ".yaml is not on the class path");
      }
      return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

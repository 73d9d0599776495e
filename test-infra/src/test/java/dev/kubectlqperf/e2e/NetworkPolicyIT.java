package dev.kubectlqperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On real nodes with NetworkPolicies enforced ({@link PolicyEnforcer}: the local cluster's bridge
 * CNI has no policy engine): a deny-all policy blocks a run for real and its message names the
 * policy with doctor's command, {@code kubectl qperf doctor --fix --yes} applies the policy that
 * admits the benchmark, and the next run passes.
 */
@ExtendWith(RealNodes.Extension.class)
class NetworkPolicyIT {

  private static final String NS = "nodes-netpol";
  private static RealNodes cluster;
  private static RealNodeRuns runs;
  private static KubernetesClient admin;
  private static PolicyEnforcer enforcer;

  @BeforeAll
  static void setUp(RealNodes nodes) throws Exception {
    cluster = nodes;
    runs = RealNodeRuns.open(nodes);
    admin = runs.admin();
    runs.namespace(NS);
    enforcer = PolicyEnforcer.start(admin);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (enforcer != null) {
      enforcer.close();
    }
    if (admin != null) {
      admin.namespaces().withName(NS).delete();
    }
    if (runs != null) {
      runs.close();
    }
  }

  @Test
  void aDenyAllPolicyBlocksARunAndDoctorFixLetsTheNextOnePass() throws Exception {
    admin.network().v1().networkPolicies().inNamespace(NS).resource(new NetworkPolicyBuilder().withNewMetadata()
        .withName("deny-all").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
        .withPolicyTypes("Ingress", "Egress").endSpec().build()).createOr(NonDeletingOperation::update);
    try (Pipeline ignored = runs.pipeline(NS)) {
      runs.check(Kubectl.plugin(cluster.kubeconfig(), "create", "blocked", "-n", NS, "--tests", "tcp_lat",
          "--options", "-t 1", "--cross-node", "--timeout", "40s"));
      Qperf blocked = runs.awaitFinal(NS, "blocked", Duration.ofMinutes(2));
      assertEquals(QperfPhase.Failed, blocked.getStatus().getPhase(), "deny-all let the run through: "
          + blocked.getStatus().getMessage() + " " + enforcer.lastError());
      assertTrue(blocked.getStatus().getMessage().endsWith("; NetworkPolicy deny-all selects the benchmark pods: "
          + "kubectl qperf doctor -n " + NS + " tells what they admit (--fix adds a policy for the benchmark)"),
          blocked.getStatus().getMessage());

      Shell.Result fix = Kubectl.plugin(cluster.kubeconfig(), "doctor", "-n", NS, "--fix", "--yes");
      assertTrue(fix.out().contains("networkpolicy.networking.k8s.io/qperf-benchmark applied in " + NS),
          fix.out() + fix.err());

      runs.check(Kubectl.plugin(cluster.kubeconfig(), "create", "passes", "-n", NS, "--tests", "tcp_lat",
          "--options", "-t 1", "--cross-node", "--timeout", "2m"));
      Qperf passes = runs.awaitFinal(NS, "passes", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Completed, passes.getStatus().getPhase(), passes.getStatus().getMessage() + " "
          + enforcer.lastError());
      assertEquals(null, enforcer.lastError());
    }
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyHintTest {

  private static final Qperf RUN = run();

  @Test
  void aPolicyThatSelectsEveryPodIsNamedWithDoctorsCommand() {
    assertEquals(Optional.of("NetworkPolicy deny-all selects the benchmark pods: kubectl qperf doctor -n bench tells "
        + "what they admit (--fix adds a policy for the benchmark)"), PolicyHint.of(RUN, List.of(policy("deny-all",
        Map.of()))));
  }

  @Test
  void onlyPoliciesThatSelectTheServerOrTheClientAreNamed() {
    List<NetworkPolicy> policies = List.of(policy("web", Map.of("app", "web")),
        policy("servers", Map.of("app.kubernetes.io/component", "server")),
        policy("clients", Map.of("app.kubernetes.io/component", "client")));
    assertEquals(Optional.of("NetworkPolicies clients, servers select the benchmark pods: kubectl qperf doctor -n "
        + "bench tells what they admit (--fix adds a policy for the benchmark)"), PolicyHint.of(RUN, policies));
  }

  @Test
  void noPolicyNoHint() {
    assertEquals(Optional.empty(), PolicyHint.of(RUN, List.of()));
    assertEquals(Optional.empty(), PolicyHint.of(RUN, List.of(policy("web", Map.of("app", "web")))));
  }

  private static NetworkPolicy policy(String name, Map<String, String> selector) {
    return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace("bench").endMetadata()
        .withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector().endSpec().build();
  }

  private static Qperf run() {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withName("net").withNamespace("bench").withUid("u1").build());
    q.setSpec(QperfSpec.of(List.of("tcp_lat"), "-t 1"));
    return q;
  }
}

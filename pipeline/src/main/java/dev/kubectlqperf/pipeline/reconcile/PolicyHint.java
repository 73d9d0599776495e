package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.LabelSelectors;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For a run whose client never reached its server: the NetworkPolicies of its namespace that
 * select its server or client pods, named in one line with doctor's command (which tells what
 * they admit, and whose {@code --fix} adds a policy for the benchmark). Empty when none does.
 */
final class PolicyHint {

  private PolicyHint() {}

  static Optional<String> of(Qperf run, List<NetworkPolicy> policies) {
    Map<String, String> server = QperfManifests.serverDeployment(run).getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> client = QperfManifests.clientPod(run, 1).getMetadata().getLabels();
    List<String> selecting = policies.stream()
        .filter(p -> p.getSpec() != null && p.getSpec().getPodSelector() != null)
        .filter(p -> LabelSelectors.matches(p.getSpec().getPodSelector(), server)
            || LabelSelectors.matches(p.getSpec().getPodSelector(), client))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    if (selecting.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("NetworkPolic" + (selecting.size() == 1 ? "y " : "ies ") + String.join(", ", selecting)
        + " select" + (selecting.size() == 1 ? "s" : "") + " the benchmark pods: kubectl qperf doctor -n "
        + run.getMetadata().getNamespace() + " tells what they admit (--fix adds a policy for the benchmark)");
  }
}

package dev.kubectlqperf.plugin.spec;

import dev.kubectlqperf.model.PodScheduling;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import java.util.Map;

/** The placement shortcuts of {@code create}, turned into Kubestone's podScheduling blocks. */
public final class Placement {

  static final String HOSTNAME = "kubernetes.io/hostname";

  private Placement() {}

  public static PodScheduling onNode(String node) {
    return node == null ? null : new PodScheduling(null, null, Map.of(HOSTNAME, node), null);
  }

  /** The client next to ({@code same=true}) or away from the server of run {@code name}. */
  public static PodScheduling relativeToServer(String name, String clientNode, boolean same) {
    PodAffinityTerm term = new PodAffinityTermBuilder()
        .withNewLabelSelector()
          .addToMatchLabels(QperfResources.LABEL_INSTANCE, name)
          .addToMatchLabels(QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_SERVER)
        .endLabelSelector()
        .withTopologyKey(HOSTNAME)
        .build();
    Affinity affinity = same
        ? new AffinityBuilder().withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term)
            .endPodAffinity().build()
        : new AffinityBuilder().withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term)
            .endPodAntiAffinity().build();
    return new PodScheduling(affinity, null, clientNode == null ? null : Map.of(HOSTNAME, clientNode), null);
  }
}

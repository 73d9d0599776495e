package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Kubestone's scheduling block, copied onto the pod spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodScheduling(
    @JsonPropertyDescription("Pod affinity and anti-affinity.") Affinity affinity,
    @JsonPropertyDescription("Pod tolerations.") List<Toleration> tolerations,
    @JsonPropertyDescription("Node selector.") Map<String, String> nodeSelector,
    @JsonPropertyDescription("Schedule the pod onto this node.") String nodeName) {

  public static final PodScheduling EMPTY = new PodScheduling(null, null, null, null);
}

package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/** Kubestone's per-side pod configuration (server or client). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfConfiguration(
    @JsonPropertyDescription("Annotations added to the pod.") Map<String, String> annotations,
    @JsonPropertyDescription("Labels added to the pod.") Map<String, String> podLabels,
    @JsonPropertyDescription("Where the pod may run.") PodScheduling podScheduling,
    @JsonPropertyDescription("Container resource requests and limits.") ResourceRequirements resources,
    @JsonPropertyDescription("Use the node's network namespace. Default: false.") Boolean hostNetwork) {

  public static final QperfConfiguration EMPTY = new QperfConfiguration(null, null, null, null, null);

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  public Map<String, String> podLabelsOrEmpty() {
    return podLabels == null ? Map.of() : podLabels;
  }

  public PodScheduling scheduling() {
    return podScheduling == null ? PodScheduling.EMPTY : podScheduling;
  }

  public boolean usesHostNetwork() {
    return Boolean.TRUE.equals(hostNetwork);
  }
}

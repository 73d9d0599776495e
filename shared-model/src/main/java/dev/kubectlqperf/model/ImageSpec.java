package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Kubestone's image block: one image for server and client. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageSpec(
    @JsonPropertyDescription("Image location including the tag.") String name,
    @JsonPropertyDescription("Always, Never or IfNotPresent; empty means the Kubernetes default.") String pullPolicy,
    @JsonPropertyDescription("The name of one image pull secret.") String pullSecret) {}

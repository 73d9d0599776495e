package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which run a result document belongs to. Null fields are unknown (e.g. a parsed local file). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunIdentity(
    String namespace,
    String name,
    String uid,
    String startTime,
    String endTime,
    String serverNode,
    String clientNode,
    String qperfVersion,
    Integer repetition) {

  public static final RunIdentity UNKNOWN = new RunIdentity(null, null, null, null, null, null, null, null, null);
}

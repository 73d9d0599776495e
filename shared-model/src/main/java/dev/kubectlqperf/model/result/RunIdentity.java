package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which run a result document belongs to, and the network path it measured (service type, host
 * network per side, IP family), so a document is self-contained wherever it is exported. Null fields are
 * unknown (e.g. a parsed local file); {@code matrix} is null for a run that is no matrix's child.
 */
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
    Integer repetition,
    String serviceType,
    Boolean serverHostNetwork,
    Boolean clientHostNetwork,
    MatrixMember matrix,
    String ipFamily) {

  public static final RunIdentity UNKNOWN =
      new RunIdentity(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * The matrix a run measured one pair of, from the child's labels and annotations: what the sinks
   * tag its points with. Zones are null when the nodes have none.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MatrixMember(String name, String scenario, String srcNode, String dstNode, String srcZone,
      String dstZone) {}

  /** A run whose IP family is unknown. */
  public RunIdentity(String namespace, String name, String uid, String startTime, String endTime, String serverNode,
      String clientNode, String qperfVersion, Integer repetition, String serviceType, Boolean serverHostNetwork,
      Boolean clientHostNetwork, MatrixMember matrix) {
    this(namespace, name, uid, startTime, endTime, serverNode, clientNode, qperfVersion, repetition, serviceType,
        serverHostNetwork, clientHostNetwork, matrix, null);
  }

  /** A run that is no matrix's child. */
  public RunIdentity(String namespace, String name, String uid, String startTime, String endTime, String serverNode,
      String clientNode, String qperfVersion, Integer repetition, String serviceType, Boolean serverHostNetwork,
      Boolean clientHostNetwork) {
    this(namespace, name, uid, startTime, endTime, serverNode, clientNode, qperfVersion, repetition, serviceType,
        serverHostNetwork, clientHostNetwork, null, null);
  }

  /** Only the qperf version is known: what a parsed log says by itself. */
  public static RunIdentity ofVersion(String qperfVersion) {
    return new RunIdentity(null, null, null, null, null, null, null, qperfVersion, null, null, null, null, null, null);
  }

  public RunIdentity withRepetition(Integer n) {
    return new RunIdentity(namespace, name, uid, startTime, endTime, serverNode, clientNode, qperfVersion, n,
        serviceType, serverHostNetwork, clientHostNetwork, matrix, ipFamily);
  }
}

package dev.kubectlqperf.model.matrix;

/** The network path a pair is measured on. The client runs on the source node, the server on the destination. */
public enum Scenario {
  /** Pod to pod, resolved through the headless Service (the pod IP). */
  PodToPod("pp", false, false),
  /** Pod to pod through a ClusterIP Service (kube-proxy / the CNI's service path). */
  ClusterIP("cip", false, false),
  /** A client pod to a server in the node's network namespace. */
  HostNetworkServer("hns", true, false),
  /** A client in the node's network namespace to a server pod. */
  HostNetworkClient("hnc", false, true),
  /** Node to node: both in the nodes' network namespaces. */
  HostNetworkBoth("hnb", true, true);

  private final String code;
  private final boolean hostNetworkServer;
  private final boolean hostNetworkClient;

  Scenario(String code, boolean hostNetworkServer, boolean hostNetworkClient) {
    this.code = code;
    this.hostNetworkServer = hostNetworkServer;
    this.hostNetworkClient = hostNetworkClient;
  }

  /** A short lower-case code used in child names. */
  public String code() {
    return code;
  }

  public boolean hostNetworkServer() {
    return hostNetworkServer;
  }

  public boolean hostNetworkClient() {
    return hostNetworkClient;
  }
}

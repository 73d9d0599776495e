package dev.kubectlqperf.model;

/** How the client reaches the server. */
public enum ServiceType {
  /** DNS resolves to the server pod IP, so qperf's ephemeral data port is reachable. */
  Headless,
  /** A virtual IP; qperf's data port is pinned with --ip_port and exposed by the Service. */
  ClusterIP
}

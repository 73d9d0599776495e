package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.ServiceType;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * What the run doctor checks for asks of the cluster: its namespace, host network, client and server
 * on different nodes, its image, its Service type (a Headless run's data port is qperf's choice, a
 * ClusterIP run's is pinned), and the tolerations its pods carry.
 */
public record RunAsk(String namespace, boolean hostNetwork, boolean crossNode, String image,
    ServiceType serviceType, int dataPort, List<Toleration> tolerations) {

  public static RunAsk defaults(String namespace) {
    return new RunAsk(namespace, false, false, QperfDefaults.IMAGE, ServiceType.Headless, QperfDefaults.DATA_PORT,
        List.of());
  }

  /** Whether the run's data port is known in advance (ClusterIP pins it with --ip_port). */
  public boolean dataPortPinned() {
    return serviceType == ServiceType.ClusterIP;
  }

  public int nodesNeeded() {
    return crossNode ? 2 : 1;
  }
}

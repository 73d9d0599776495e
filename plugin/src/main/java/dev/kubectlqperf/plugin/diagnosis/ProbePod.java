package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.KubeNames;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;

/**
 * The pod {@code doctor --probe} runs on one node: the run's image, the benchmark pods' restricted
 * security, no network of its own beyond the pod's. It prints {@code key=value} lines that
 * {@link ProbeOutput} reads: the default route's interface (or the first route's, in a pod network
 * without a default route, as in a cluster whose pods may reach only the cluster) and its MTU, the
 * IPv6 switch, and whether the image has qperf.
 */
public final class ProbePod {

  public static final String COMPONENT = "doctor-probe";
  static final long DEADLINE_SECONDS = 120;
  static final String SCRIPT = String.join("\n",
      "iface=",
      "first=",
      "while read -r name dest rest; do",
      "  [ \"$name\" = Iface ] && continue",
      "  [ -n \"$first\" ] || first=$name",
      "  if [ \"$dest\" = 00000000 ]; then iface=$name; break; fi",
      "done < /proc/net/route",
      "[ -n \"$iface\" ] || iface=$first",
      "echo \"iface=$iface\"",
      "echo \"mtu=$(cat /sys/class/net/$iface/mtu 2>/dev/null)\"",
      "echo \"disable_ipv6=$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null || echo missing)\"",
      "if [ -e /proc/net/if_inet6 ]; then echo if_inet6=present; else echo if_inet6=missing; fi",
      "if command -v qperf >/dev/null 2>&1; then echo qperf=present; else echo qperf=missing; fi");

  private ProbePod() {}

  /** Labels that find every probe pod (to clean up after an interrupted doctor). */
  public static Map<String, String> selector() {
    return Map.of(QperfResources.LABEL_NAME, QperfResources.APP, QperfResources.LABEL_COMPONENT, COMPONENT,
        QperfResources.LABEL_MANAGED_BY, QperfResources.MANAGER);
  }

  /** A name per node and doctor run ({@code suffix}, random), valid whatever the node's name. */
  public static String name(String node, String suffix) {
    return KubeNames.dnsLabelWithHash(suffix + "/" + node, "qperf-probe", node);
  }

  public static Pod pod(String namespace, String node, String suffix, String image) {
    return new PodBuilder()
        .withNewMetadata().withName(name(node, suffix)).withNamespace(namespace).withLabels(selector()).endMetadata()
        .withNewSpec()
          .withNodeName(node)
          .withRestartPolicy("Never")
          .withActiveDeadlineSeconds(DEADLINE_SECONDS)
          .withAutomountServiceAccountToken(false)
          .withEnableServiceLinks(false)
          .withTerminationGracePeriodSeconds(0L)
          .withNewSecurityContext().withRunAsNonRoot(true)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
          .addNewContainer()
            .withName("probe")
            .withImage(image)
            .withCommand(List.of("sh", "-c", SCRIPT))
            .withSecurityContext(QperfManifests.containerSecurityContext())
          .endContainer()
        .endSpec()
        .build();
  }
}

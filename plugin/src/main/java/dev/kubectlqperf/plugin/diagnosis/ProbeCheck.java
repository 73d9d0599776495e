package dev.kubectlqperf.plugin.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The probe pods' reports: one finding per node, and one for the MTU across nodes. */
public final class ProbeCheck {

  private ProbeCheck() {}

  public static List<Finding> evaluate(List<ProbeOutput> outputs, String image) {
    List<Finding> findings = new ArrayList<>();
    for (ProbeOutput o : outputs) {
      String check = "probe " + o.node();
      if (!o.started()) {
        findings.add(Finding.fail(check, image + " did not run: " + o.problem(),
            "kubectl describe pod -l app.kubernetes.io/component=" + ProbePod.COMPONENT
                + " (rerun with --probe), check the image name and the node's registry access"));
      } else if (!o.qperfPresent()) {
        findings.add(Finding.fail(check, image + " runs but has no qperf on its PATH", "use a qperf image (--image)"));
      } else if (o.ipv6Disabled()) {
        findings.add(Finding.fail(check, "IPv6 is disabled in the kernel: qperf 0.4.11 cannot bind its listen port "
            + "(qperf PR #25)", "enable IPv6 on the node (sysctl net.ipv6.conf.all.disable_ipv6=0), or an image "
            + "whose qperf binds IPv4"));
      } else {
        findings.add(Finding.pass(check, image + " runs; " + o.iface() + " MTU " + o.mtu() + "; IPv6 on"));
      }
    }
    Map<Integer, List<String>> byMtu = new TreeMap<>();
    outputs.stream().filter(o -> o.mtu() != null)
        .forEach(o -> byMtu.computeIfAbsent(o.mtu(), m -> new ArrayList<>()).add(o.node()));
    if (byMtu.size() > 1) {
      findings.add(Finding.warn("probe mtu", "the pod interface MTU differs across nodes: " + byMtu.entrySet().stream()
          .map(e -> e.getKey() + " on " + String.join(", ", e.getValue())).collect(Collectors.joining("; ")),
          "align the CNI's MTU on every node; cross-node results between them are not comparable"));
    } else if (byMtu.size() == 1) {
      findings.add(Finding.pass("probe mtu", "MTU " + byMtu.keySet().iterator().next() + " on every probed node"));
    }
    return findings;
  }
}

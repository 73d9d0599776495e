package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTest {

  @Test
  void theProbePodRunsTheImagePinnedToItsNodeWithRestrictedSecurityAndADeadline() {
    Pod pod = ProbePod.pod("bench", "Node_1.example", "x1", "xridge/qperf:0.4.11-r0");
    assertEquals("bench", pod.getMetadata().getNamespace());
    assertTrue(pod.getMetadata().getName().matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?"), pod.getMetadata().getName());
    assertEquals(ProbePod.selector(), pod.getMetadata().getLabels());
    assertEquals("Node_1.example", pod.getSpec().getNodeName());
    assertEquals("Never", pod.getSpec().getRestartPolicy());
    assertEquals(ProbePod.DEADLINE_SECONDS, pod.getSpec().getActiveDeadlineSeconds());
    assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
    assertTrue(pod.getSpec().getSecurityContext().getRunAsNonRoot());
    Container c = pod.getSpec().getContainers().get(0);
    assertEquals("xridge/qperf:0.4.11-r0", c.getImage());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    assertEquals(false, c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals("RuntimeDefault", c.getSecurityContext().getSeccompProfile().getType());
    assertEquals(null, pod.getSpec().getHostNetwork());
    assertTrue(ProbePod.name("a", "x1").compareTo(ProbePod.name("a", "x2")) != 0, "one name per doctor run");
  }

  @Test
  void theScriptRunsInAShellAndPrintsWhatTheParserReads() throws Exception {
    // The script on this machine's own /proc and /sys: the same files a pod sees for its network namespace.
    Process p = new ProcessBuilder("sh", "-c", ProbePod.SCRIPT).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    ProbeOutput out = ProbeOutput.parse("local", log);
    assertTrue(out.started(), log);
    assertTrue(out.mtu() != null && out.mtu() >= 68, log);
  }

  @Test
  void theParserReadsMtuAndTheTwoSignsOfIpv6BeingOff() {
    ProbeOutput ok = ProbeOutput.parse("a", "iface=eth0\nmtu=1450\ndisable_ipv6=0\nif_inet6=present\nqperf=present\n");
    assertEquals(new ProbeOutput("a", true, null, "eth0", 1450, false, true), ok);
    assertTrue(ProbeOutput.parse("a", "iface=eth0\nmtu=1500\ndisable_ipv6=1\nif_inet6=present\nqperf=present\n")
        .ipv6Disabled());
    assertTrue(ProbeOutput.parse("a", "iface=eth0\nmtu=1500\ndisable_ipv6=missing\nif_inet6=missing\nqperf=present\n")
        .ipv6Disabled());
    ProbeOutput garbage = ProbeOutput.parse("a", "exec: sh: not found");
    assertFalse(garbage.started());
    assertEquals("the probe printed nothing it knows: exec: sh: not found", garbage.problem());
  }

  @Test
  void failuresPerNodeAndAnMtuMismatchAcrossNodes() {
    List<Finding> f = ProbeCheck.evaluate(List.of(
        new ProbeOutput("a", true, null, "eth0", 1500, false, true),
        new ProbeOutput("b", true, null, "eth0", 1450, false, true),
        new ProbeOutput("c", true, null, "eth0", 1450, true, true),
        ProbeOutput.notStarted("d", "ErrImagePull: not found")), "img");
    assertEquals(List.of(Status.PASS, Status.PASS, Status.FAIL, Status.FAIL, Status.WARN),
        f.stream().map(Finding::status).toList());
    assertEquals("img did not run: ErrImagePull: not found", f.get(3).detail());
    assertEquals("the pod interface MTU differs across nodes: 1450 on b, c; 1500 on a", f.get(4).detail());
    assertTrue(f.get(2).detail().contains("qperf PR #25"));
  }
}

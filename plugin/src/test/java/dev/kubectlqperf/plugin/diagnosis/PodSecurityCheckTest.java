package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSecurityCheckTest {

  private static final RunAsk POD_NETWORK = RunAsk.defaults("bench");
  private static final RunAsk HOST_NETWORK = new RunAsk("bench", true, false, "img", null, 0, List.of());

  static Fetched<Namespace> ns(String level) {
    return Fetched.of(new NamespaceBuilder().withNewMetadata().withName("bench")
        .withLabels(level == null ? Map.of() : Map.of(PodSecurityCheck.ENFORCE, level)).endMetadata().build());
  }

  @Test
  void restrictedAdmitsThePodNetworkRunButNotAHostNetworkOne() {
    assertEquals(Status.PASS, PodSecurityCheck.evaluate(ns("restricted"), POD_NETWORK, true).status());
    Finding f = PodSecurityCheck.evaluate(ns("restricted"), HOST_NETWORK, true);
    assertEquals(Status.FAIL, f.status());
    assertEquals("bench enforces restricted; a host-network run needs privileged", f.detail());
    assertTrue(f.fix().endsWith("kubectl label ns bench pod-security.kubernetes.io/enforce=privileged --overwrite"));
    assertEquals(Status.FAIL, PodSecurityCheck.evaluate(ns("baseline"), HOST_NETWORK, true).status());
    assertEquals(Status.PASS, PodSecurityCheck.evaluate(ns("privileged"), HOST_NETWORK, true).status());
    assertEquals(Status.PASS, PodSecurityCheck.evaluate(ns(null), HOST_NETWORK, true).status());
  }

  @Test
  void withoutPodSecurityAdmissionTheLabelIsOnlyReadAndTheDetailSaysSo() {
    Finding f = PodSecurityCheck.evaluate(ns("restricted"), HOST_NETWORK, false);
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.detail().endsWith("(label only read: no Pod Security admission before Kubernetes 1.23)"), f.detail());
  }

  @Test
  void aMissingNamespaceFailsAndAnUnknownLevelWarns() {
    assertEquals("kubectl create namespace bench",
        PodSecurityCheck.evaluate(Fetched.of(null), POD_NETWORK, true).fix());
    assertEquals(Status.WARN, PodSecurityCheck.evaluate(ns("strict"), POD_NETWORK, true).status());
  }
}

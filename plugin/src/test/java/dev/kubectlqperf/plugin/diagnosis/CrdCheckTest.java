package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CrdCheckTest {

  private static final String NAME = "qperves.perf.kubestone.xridge.io";

  static CustomResourceDefinition shipped() throws Exception {
    try (InputStream in = CrdCheckTest.class.getClassLoader().getResourceAsStream("crd/" + NAME + ".yaml")) {
      return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    }
  }

  @Test
  void theShippedCrdPassesAndAMissingOneFailsWithTheApplyCommand() throws Exception {
    assertEquals(Status.PASS, CrdCheck.evaluate("Qperf", shipped(), Fetched.of(shipped()), "apply").status());
    Finding missing = CrdCheck.evaluate("Qperf", shipped(), Fetched.of(null), "kubectl apply -f crd/x.yaml");
    assertEquals(Status.FAIL, missing.status());
    assertEquals(NAME + " is not installed", missing.detail());
    assertEquals("kubectl apply -f crd/x.yaml", missing.fix());
  }

  @Test
  void anOlderSchemaFailsNamingTheFieldsItLacksAndANewerOneWarns() throws Exception {
    CustomResourceDefinition older = shipped();
    older.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
        .remove("thresholds");
    Finding f = CrdCheck.evaluate("Qperf", shipped(), Fetched.of(older), "apply");
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.detail().endsWith("is older than this plugin: it lacks spec.thresholds"), f.detail());
    Finding newer = CrdCheck.evaluate("Qperf", older, Fetched.of(shipped()), "apply");
    assertEquals(Status.WARN, newer.status());
  }

  @Test
  void aVersionNotServedFailsAndAnUnreadableCrdWarns() throws Exception {
    CustomResourceDefinition other = shipped();
    other.getSpec().getVersions().get(0).setName("v2");
    assertEquals(Status.FAIL, CrdCheck.evaluate("Qperf", shipped(), Fetched.of(other), "apply").status());
    assertEquals(Status.WARN, CrdCheck.evaluate("Qperf", shipped(), Fetched.failed("forbidden"), "apply").status());
  }

  @Test
  void pathsNameArrayItemsAndMapValues() throws Exception {
    var paths = CrdCheck.paths(shipped().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
    assertTrue(paths.contains("spec.tests"), paths.toString());
    assertTrue(paths.stream().anyMatch(p -> p.contains("[].")), paths.toString());
  }
}

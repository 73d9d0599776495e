package dev.kubectlqperf.model.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.PodScheduling;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfConfiguration;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.validation.QperfValidator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatrixChildrenTest {

  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final String LONG_NODE = "ip-10-0-1-23." + "compute-subdomain.".repeat(12) + "internal";

  private static QperfMatrix matrix(String name) {
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench").withUid("uid-" + name).build());
    matrix.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), "-t 5")));
    return matrix;
  }

  private static NodePair pair(String src, String dst) {
    return new NodePair(new MatrixNode(src, "zone-a"), new MatrixNode(dst, null));
  }

  @Test
  void shortNamesReadAsMatrixScenarioSourceDestination() {
    String name = MatrixChildren.childName(matrix("net"), Scenario.PodToPod, pair("worker-1", "worker-2"));
    assertTrue(name.matches("net-pp-worker-1-worker-2-[a-z2-7]{12}"), name);
    String fqdn = MatrixChildren.childName(matrix("net"), Scenario.ClusterIP,
        pair("ip-10-0-1-23.eu-west-1.compute.internal", "ip-10-0-1-24.eu-west-1.compute.internal"));
    assertTrue(fqdn.startsWith("net-cip-ip-10-0-1-23-ip-10-0-1-24-"), "node names are cut at their first dot: " + fqdn);
  }

  @Test
  void longNodeNamesStillGiveValidUniqueNames() {
    QperfMatrix matrix = matrix("a-matrix-with-a-rather-long-name-indeed");
    Set<String> names = new HashSet<>();
    for (Scenario scenario : Scenario.values()) {
      for (String[] p : List.of(new String[] {LONG_NODE, LONG_NODE + "x"}, new String[] {LONG_NODE + "x", LONG_NODE},
          new String[] {LONG_NODE, LONG_NODE})) {
        String name = MatrixChildren.childName(matrix, scenario, pair(p[0], p[1]));
        assertTrue(DNS_1035.matcher(name).matches() && name.length() <= 63, name);
        names.add(name);
      }
    }
    assertEquals(15, names.size(), "one name per scenario and ordered pair");
  }

  @Test
  void namesThatReadAlikeDiffer() {
    QperfMatrix matrix = matrix("m");
    assertNotEquals(MatrixChildren.childName(matrix, Scenario.PodToPod, pair("a-b", "c")),
        MatrixChildren.childName(matrix, Scenario.PodToPod, pair("a", "b-c")));
    assertNotEquals(MatrixChildren.childName(matrix, Scenario.PodToPod, pair("a.x", "b")),
        MatrixChildren.childName(matrix, Scenario.PodToPod, pair("a.y", "b")));
  }

  @Test
  void labelsNameMatrixScenarioNodesAndZonesWithValidValues() {
    Map<String, String> labels = MatrixChildren.childLabels(matrix("net"), Scenario.HostNetworkBoth,
        pair(LONG_NODE, "worker-2"));
    assertEquals("net", labels.get(QperfResources.LABEL_MATRIX));
    assertEquals("HostNetworkBoth", labels.get(QperfResources.LABEL_SCENARIO));
    assertEquals("worker-2", labels.get(QperfResources.LABEL_DST_NODE));
    assertEquals("zone-a", labels.get(QperfResources.LABEL_SRC_ZONE));
    assertNull(labels.get(QperfResources.LABEL_DST_ZONE), "no zone, no label");
    assertEquals("uid-net", labels.get(QperfResources.LABEL_MATRIX_UID));
    String src = labels.get(QperfResources.LABEL_SRC_NODE);
    assertTrue(LABEL_VALUE.matcher(src).matches() && src.length() <= 63, src);
    assertTrue(labels.values().stream().allMatch(v -> LABEL_VALUE.matcher(v).matches()), labels.toString());
    assertEquals(Map.of(QperfResources.LABEL_MATRIX, "net"), QperfResources.matrixChildSelector("net"));
  }

  @Test
  void theChildRunsTheTemplateOnThePairsNodesOnTheScenariosPath() {
    QperfSpec template = new QperfSpec(null, "-t 5", List.of("tcp_bw"),
        new QperfConfiguration(null, Map.of("team", "net"), new PodScheduling(null,
            List.of(new TolerationBuilder().withOperator("Exists").build()), Map.of("disk", "ssd"), "elsewhere"), null, null),
        null, 120L, ServiceType.ClusterIP, null, 3, List.of("file"), List.of("tcp_bw bw at least 1 GB/sec"), 4,
        IpFamily.IPv6);
    QperfMatrix matrix = matrix("net");
    Qperf child = MatrixChildren.child(matrix, template, Scenario.HostNetworkServer, pair("n1", "n2"));
    QperfSpec spec = child.getSpec();
    assertEquals("n2", spec.server().scheduling().nodeName(), "the server runs on the destination");
    assertEquals("n1", spec.client().scheduling().nodeName(), "the client runs on the source");
    assertNull(spec.server().scheduling().nodeSelector());
    assertEquals(1, spec.server().scheduling().tolerations().size());
    assertEquals(Map.of("team", "net"), spec.server().podLabels());
    assertTrue(spec.server().usesHostNetwork());
    assertTrue(!spec.client().usesHostNetwork());
    assertEquals(ServiceType.Headless, spec.effectiveServiceType(), "the scenario decides the path");
    assertEquals(List.of("tcp_bw bw at least 1 GB/sec"), spec.thresholds());
    assertEquals(3, spec.effectiveRepetitions());
    assertEquals(4, spec.effectiveParallel(), "the template's streams pass through");
    assertEquals(IpFamily.IPv6, spec.ipFamily(), "and its IP family");
    assertEquals(ServiceType.ClusterIP,
        MatrixChildren.childSpec(template, Scenario.ClusterIP, pair("n1", "n2")).effectiveServiceType());
    assertEquals("bench", child.getMetadata().getNamespace());
    assertEquals("uid-net", child.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(QperfMatrix.KIND, child.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("n2", child.getMetadata().getAnnotations().get(QperfResources.ANNOTATION_DST_NODE));
    assertTrue(QperfValidator.validate(child).isValid(), QperfValidator.validate(child).toString());
  }
}

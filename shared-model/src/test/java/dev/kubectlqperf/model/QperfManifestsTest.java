package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QperfManifestsTest {

  private final Qperf sample = withUid(Fixtures.kubestoneSample());

  private static Qperf withUid(Qperf qperf) {
    qperf.getMetadata().setNamespace("bench");
    qperf.getMetadata().setUid("0b9f-uid");
    return qperf;
  }

  @Test
  void serverDeploymentIsNamedAndOwnedLikeTheRun() {
    Deployment d = QperfManifests.serverDeployment(sample);
    assertEquals("qperf-sample", d.getMetadata().getName());
    assertEquals("bench", d.getMetadata().getNamespace());
    assertOwnedBySample(d.getMetadata().getOwnerReferences());
    assertEquals(Map.of(
        "app.kubernetes.io/name", "qperf",
        "app.kubernetes.io/instance", "qperf-sample",
        "app.kubernetes.io/component", "server",
        "app.kubernetes.io/managed-by", "kubectl-qperf",
        "perf.kubestone.xridge.io/run-uid", "0b9f-uid"), d.getMetadata().getLabels());
    assertEquals(1, d.getSpec().getReplicas());
  }

  @Test
  void serverSelectorIgnoresUserLabelsCarriesTheRunUidAndPodsCarryBoth() {
    Deployment d = QperfManifests.serverDeployment(sample);
    Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
    Map<String, String> expected = new java.util.HashMap<>(QperfResources.builtInLabels(sample, "server"));
    expected.put(QperfResources.LABEL_RUN_UID, sample.getMetadata().getUid());
    assertEquals(expected, selector, "a re-created CR of the same name never selects the earlier run's pods");
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    assertEquals("server", podLabels.get("qperf-mode"));
    selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), "pod label " + k));
  }

  @Test
  void userLabelCannotBreakTheServiceSelector() {
    var cfg = new QperfConfiguration(null, Map.of("app.kubernetes.io/instance", "evil", "team", "net"), null, null, null);
    Qperf q = Fixtures.created("q1", new QperfSpec(null, null, List.of("tcp_bw"), cfg, null, null, null, null, null, null));
    Deployment d = QperfManifests.serverDeployment(q);
    Service s = QperfManifests.serverService(q);
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    assertEquals("q1", podLabels.get("app.kubernetes.io/instance"));
    assertEquals("net", podLabels.get("team"));
    s.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k), "selector " + k));
  }

  @Test
  void serverContainerListensOnTheControlPortWithAQuietProbe() {
    Container c = QperfManifests.serverDeployment(sample).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("server", c.getName());
    assertEquals("xridge/qperf:0.4.11-r0", c.getImage());
    assertEquals("IfNotPresent", c.getImagePullPolicy());
    assertEquals(List.of("qperf"), c.getCommand());
    assertEquals(List.of("--listen_port", "19765"), c.getArgs());
    assertEquals(19765, c.getPorts().get(0).getContainerPort());
    assertEquals("TCP", c.getPorts().get(0).getProtocol());
    assertNull(c.getReadinessProbe().getTcpSocket(), "a TCP probe makes the qperf server log an error per probe");
    assertEquals(QperfManifests.readinessCommand(19765), c.getReadinessProbe().getExec().getCommand());
    assertTrue(c.getReadinessProbe().getExec().getCommand().get(2).contains(":4D35 "), "19765 is 0x4D35");
  }

  @Test
  void serverPodGetsSchedulingAnnotationsAndResources() {
    var resources = new ResourceRequirementsBuilder().addToLimits("cpu", new Quantity("500m")).build();
    var tolerations = List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "net"));
    var cfg = new QperfConfiguration(Map.of("a", "b"), null,
        new PodScheduling(null, tolerations, Map.of("zone", "a"), "node-1"), resources, true);
    Qperf q = Fixtures.created("q1", new QperfSpec(null, null, List.of("tcp_bw"), cfg, null, null, null, null, null, null));
    var template = QperfManifests.serverDeployment(q).getSpec().getTemplate();
    assertEquals(Map.of("a", "b"), template.getMetadata().getAnnotations(), "server annotations, unlike Kubestone");
    var spec = template.getSpec();
    assertEquals(tolerations, spec.getTolerations());
    assertEquals(Map.of("zone", "a"), spec.getNodeSelector());
    assertEquals("node-1", spec.getNodeName());
    assertEquals(Boolean.TRUE, spec.getHostNetwork());
    assertEquals("ClusterFirstWithHostNet", spec.getDnsPolicy(), "a host-network pod must still resolve the service");
    assertEquals(resources, spec.getContainers().get(0).getResources());
    assertEquals("Always", spec.getRestartPolicy());
  }

  @Test
  void serverPodCarriesTheSampleAffinity() {
    var spec = QperfManifests.serverDeployment(sample).getSpec().getTemplate().getSpec();
    assertEquals(sample.getSpec().server().scheduling().affinity(), spec.getAffinity());
    assertNull(spec.getHostNetwork());
    assertNull(spec.getDnsPolicy());
  }

  @Test
  void headlessServiceByDefault() {
    Service s = QperfManifests.serverService(sample);
    assertEquals("qperf-sample", s.getMetadata().getName());
    assertOwnedBySample(s.getMetadata().getOwnerReferences());
    assertEquals("None", s.getSpec().getClusterIP());
    assertEquals(1, s.getSpec().getPorts().size());
    assertEquals(19765, s.getSpec().getPorts().get(0).getPort());
    assertEquals(QperfResources.serverSelector(sample), s.getSpec().getSelector());
  }

  @Test
  void clusterIpServicePinsTheDataPortOnBothProtocols() {
    Qperf q = Fixtures.created("q1", new QperfSpec(null, "-v", List.of("tcp_bw", "udp_bw"), null, null, null,
        ServiceType.ClusterIP, 20000, null, null));
    Service s = QperfManifests.serverService(q);
    assertNull(s.getSpec().getClusterIP());
    assertEquals(List.of("TCP:19765", "TCP:20000", "UDP:20000"),
        s.getSpec().getPorts().stream().map(p -> p.getProtocol() + ":" + p.getPort()).toList());
    var ports = QperfManifests.serverDeployment(q).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts();
    assertEquals(List.of(19765, 20000, 20000), ports.stream().map(p -> p.getContainerPort()).toList());
    assertEquals(List.of("q1", "--listen_port", "19765", "--ip_port", "20000", "-v", "tcp_bw", "udp_bw"),
        QperfManifests.clientArgs(q));
  }

  @Test
  void clientPodRunsOnceWithKubestonesArguments() {
    Pod p = QperfManifests.clientPod(sample);
    assertEquals("qperf-sample-client", p.getMetadata().getName());
    assertOwnedBySample(p.getMetadata().getOwnerReferences());
    assertEquals("Never", p.getSpec().getRestartPolicy());
    Container c = p.getSpec().getContainers().get(0);
    assertEquals("client", c.getName());
    assertEquals(List.of("qperf"), c.getCommand());
    assertEquals(List.of("qperf-sample", "--listen_port", "19765", "--verbose", "--time", "10", "tcp_bw", "tcp_lat"),
        c.getArgs());
    assertNull(c.getReadinessProbe());
    assertEquals("client", p.getMetadata().getLabels().get("qperf-mode"));
    assertEquals("client", p.getMetadata().getLabels().get("app.kubernetes.io/component"));
    assertEquals("1", p.getMetadata().getLabels().get("perf.kubestone.xridge.io/repetition"));
    assertEquals(sample.getSpec().client().scheduling().affinity(), p.getSpec().getAffinity());
    assertEquals(600L, p.getSpec().getActiveDeadlineSeconds());
  }

  @Test
  void laterRepetitionsGetTheirOwnPodName() {
    assertEquals("qperf-sample-client-3", QperfManifests.clientPod(sample, 3).getMetadata().getName());
    assertEquals("3", QperfManifests.clientPod(sample, 3).getMetadata().getLabels().get(QperfResources.LABEL_REPETITION));
  }

  @Test
  void clientAnnotationsGoOnThePod() {
    var cfg = new QperfConfiguration(Map.of("sidecar.istio.io/inject", "false"), null, null, null, null);
    Qperf q = Fixtures.created("q1", new QperfSpec(null, null, List.of("tcp_bw"), null, cfg, 30L, null, null, null, null));
    Pod p = QperfManifests.clientPod(q);
    assertEquals(Map.of("sidecar.istio.io/inject", "false"), p.getMetadata().getAnnotations());
    assertEquals(30L, p.getSpec().getActiveDeadlineSeconds());
  }

  @Test
  void quotedOptionsStayOneArgument() {
    Qperf q = Fixtures.minimal("-oo 'msg_size:1:4K:*2' -vu", "tcp_lat");
    assertEquals(List.of("q1", "--listen_port", "19765", "-oo", "msg_size:1:4K:*2", "-vu", "tcp_lat"),
        QperfManifests.clientArgs(q));
  }

  @Test
  void pullSecretOnlyWhenNamed() {
    assertTrue(QperfManifests.clientPod(sample).getSpec().getImagePullSecrets().isEmpty());
    Qperf q = Fixtures.created("q1", new QperfSpec(new ImageSpec("reg/qperf:1", null, "regcred"), null,
        List.of("tcp_bw"), null, null, null, null, null, null, null));
    assertEquals("regcred", QperfManifests.clientPod(q).getSpec().getImagePullSecrets().get(0).getName());
    assertEquals("regcred", QperfManifests.serverDeployment(q).getSpec().getTemplate().getSpec()
        .getImagePullSecrets().get(0).getName());
    assertNull(QperfManifests.clientPod(q).getSpec().getContainers().get(0).getImagePullPolicy());
  }

  @Test
  void everyContainerFitsTheRestrictedPodSecurityLevel() {
    var podSpecs = List.of(QperfManifests.clientPod(sample).getSpec(),
        QperfManifests.serverDeployment(sample).getSpec().getTemplate().getSpec());
    for (var spec : podSpecs) {
      assertEquals(Boolean.TRUE, spec.getSecurityContext().getRunAsNonRoot());
      assertEquals("RuntimeDefault", spec.getSecurityContext().getSeccompProfile().getType());
      assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken());
      SecurityContext sc = spec.getContainers().get(0).getSecurityContext();
      assertEquals(Boolean.TRUE, sc.getRunAsNonRoot());
      assertTrue(sc.getRunAsUser() > 0, "the image has no USER: a numeric non-root uid is required");
      assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation());
      assertEquals(Boolean.FALSE, sc.getPrivileged());
      assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem());
      assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
      assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
      assertEquals("RuntimeDefault", sc.getSeccompProfile().getType());
      assertFalse(Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC()));
    }
  }

  @Test
  void dryRunObjectsHaveNoOwnerUntilTheRunExists() {
    Qperf q = Fixtures.minimal(null, "tcp_bw");
    q.getMetadata().setUid(null);
    assertTrue(QperfManifests.clientPod(q).getMetadata().getOwnerReferences().isEmpty());
    assertFalse(QperfManifests.clientPod(q).getMetadata().getLabels().containsKey(QperfResources.LABEL_RUN_UID));
  }

  private static void assertOwnedBySample(List<OwnerReference> refs) {
    assertEquals(1, refs.size());
    OwnerReference ref = refs.get(0);
    assertEquals("perf.kubestone.xridge.io/v1alpha1", ref.getApiVersion());
    assertEquals("Qperf", ref.getKind());
    assertEquals("qperf-sample", ref.getName());
    assertEquals("0b9f-uid", ref.getUid());
    assertEquals(Boolean.TRUE, ref.getController());
    assertEquals(Boolean.TRUE, ref.getBlockOwnerDeletion());
  }

  @Test
  void deletedPodsEndAtOnceForQperfIgnoresSigterm() {
    assertEquals(1L, QperfManifests.serverDeployment(sample).getSpec().getTemplate().getSpec()
        .getTerminationGracePeriodSeconds());
    assertEquals(1L, QperfManifests.clientPod(sample, 1).getSpec().getTerminationGracePeriodSeconds());
  }
}

package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product against real nodes: kubelets, containerd and runc, a CNI bridge per node, kube-proxy
 * and a cluster DNS (local-cluster.sh). The pipeline runs in-process under deploy/'s RBAC; the
 * benchmark pods are real containers of the locally built qperf image.
 */
@ExtendWith(RealNodes.Extension.class)
class RealNodesIT {

  private static final Path SAMPLE = RealNodeRuns.SAMPLE;
  private static KubernetesClient admin;
  private static RealNodeRuns runs;

  @BeforeAll
  static void setUp(RealNodes nodes) throws Exception {
    runs = RealNodeRuns.open(nodes);
    admin = runs.admin();
  }

  @AfterAll
  static void tearDown() {
    if (runs != null) {
      runs.close();
    }
  }

  /** Kubestone's sample unchanged: its anti-affinity puts server and client on different nodes. */
  @Test
  void kubestoneSampleRunsServerAndClientOnDifferentNodes() throws Exception {
    runs.namespace("nodes-sample");
    long t0 = System.nanoTime();
    try (Pipeline ignored = runs.pipeline("nodes-sample")) {
      runs.applySample("nodes-sample", "qperf-sample", "", Map.of());
      Qperf done = runs.awaitFinal("nodes-sample", "qperf-sample", Duration.ofMinutes(3));
      runs.log("the sample (2 tests x 10 s)", t0);
      assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertNotNull(done.getStatus().getServerNode());
      assertNotEquals(done.getStatus().getServerNode(), done.getStatus().getClientNode(), "anti-affinity");
      Pod client = admin.pods().inNamespace("nodes-sample").withName("qperf-sample-client").get();
      assertEquals(done.getStatus().getClientNode(), client.getSpec().getNodeName());
      assertEquals("Succeeded", client.getStatus().getPhase());

      String printed = admin.pods().inNamespace("nodes-sample").withName("qperf-sample-client").getLog();
      QperfResult parsed = QperfOutputParser.parse(printed, 0);
      assertEquals(parsed.tests().get(0).metrics().get("bw").text(),
          done.getStatus().getResults().get(0).metrics().get("bw").text(), printed);
      assertEquals(parsed.tests().get(1).metrics().get("latency").text(),
          done.getStatus().getResults().get(1).metrics().get("latency").text(), printed);
      assertTrue(printed.contains("tcp_lat:"), printed);
      runs.awaitServerPodsGone("nodes-sample", "qperf-sample");
    }
  }

  /** serviceType ClusterIP: the client reaches the server's VIP, which only kube-proxy's rules serve. */
  @Test
  void clusterIpRunCompletesThroughKubeProxy() throws Exception {
    runs.namespace("nodes-clusterip");
    long t0 = System.nanoTime();
    try (Pipeline ignored = runs.pipeline("nodes-clusterip")) {
      runs.applySample("nodes-clusterip", "cip", "  serviceType: ClusterIP\n",
          Map.of("\"--verbose --time 10\"", "\"--verbose --time 2\""));
      await("a ClusterIP Service").atMost(Duration.ofMinutes(1)).until(() -> {
        var svc = admin.services().inNamespace("nodes-clusterip").withName("cip").get();
        return svc != null && svc.getSpec().getClusterIP() != null && !"None".equals(svc.getSpec().getClusterIP());
      });
      String vip = admin.services().inNamespace("nodes-clusterip").withName("cip").get().getSpec().getClusterIP();
      ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
      try (LogWatch ignoredLog = runs.followServerLog("nodes-clusterip", "cip", serverLog)) {
        Qperf done = runs.awaitFinal("nodes-clusterip", "cip", Duration.ofMinutes(3));
        runs.log("the ClusterIP run (2 tests x 2 s)", t0);
        if (done.getStatus().getPhase() != QperfPhase.Completed) {
          throw new AssertionError(done.getStatus().getMessage() + "\nthe server's log:\n" + serverLog
              + "\nthe clients' logs:\n" + runs.clientLogs("nodes-clusterip", "cip") + "\nthe VIP " + vip + " on the host:\n"
              + Shell.run(Map.of(), "sh", "-c", "iptables-save -t nat | grep -F '" + vip + "'; conntrack -L 2>/dev/null"
                  + " | grep -F '" + vip + "'; conntrack -L 2>/dev/null | grep -F 19766").out());
        }
      }
      Qperf done = admin.resources(Qperf.class).inNamespace("nodes-clusterip").withName("cip").get();
      assertTrue(vip.startsWith("10.0.0."), vip);
      String printed = admin.pods().inNamespace("nodes-clusterip").withName("cip-client").getLog();
      assertEquals(QperfOutputParser.parse(printed, 0).tests().get(0).metrics().get("bw").text(),
          done.getStatus().getResults().get(0).metrics().get("bw").text(), printed);
      runs.awaitServerGone("nodes-clusterip", "cip");
    }
  }

  @Test
  void anImageThatIsNotThereEndsServerImagePullFailedAndLeavesNothing() throws Exception {
    runs.namespace("nodes-noimage");
    long t0 = System.nanoTime();
    try (Pipeline ignored = runs.pipeline("nodes-noimage")) {
      runs.applySample("nodes-noimage", "noimage", "", Map.of("xridge/qperf:0.4.11-r0", "xridge/qperf:0.0.0-not-here"));
      Qperf done = runs.awaitFinal("nodes-noimage", "noimage", Duration.ofMinutes(2));
      runs.log("the run with a missing image", t0);
      assertEquals(QperfPhase.Failed, done.getStatus().getPhase());
      assertEquals("ServerImagePullFailed", done.getStatus().getReason(), done.getStatus().getMessage());
      runs.awaitServerGone("nodes-noimage", "noimage");
      // The pipeline has deleted everything by now; the kubelet lets the pod go once its image pull
      // attempt ends. It once took over a minute in CI: a longer wait, and what was left if even that fails.
      try {
        await("no pod left").atMost(Duration.ofMinutes(3)).until(() ->
            admin.pods().inNamespace("nodes-noimage").list().getItems().isEmpty());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(e.getMessage() + "\n" + admin.getKubernetesSerialization().asYaml(
            admin.pods().inNamespace("nodes-noimage").list().getItems()), e);
      }
    }
  }

  /**
   * The benchmark pods' security context (non-root, read-only root FS, no capabilities, seccomp
   * RuntimeDefault) as runc applies it: the product's own client pod, its command swapped for a look.
   */
  @Test
  void theRuntimeEnforcesTheBenchmarkPodsSecurityContext() throws Exception {
    runs.namespace("nodes-security");
    Qperf qperf = admin.resources(Qperf.class).load(SAMPLE.toFile()).item();
    qperf.getMetadata().setNamespace("nodes-security");
    Pod pod = QperfManifests.clientPod(qperf);
    pod.getMetadata().setOwnerReferences(null);
    pod.getMetadata().setName("look");
    pod.getSpec().setAffinity(null);
    pod.getSpec().getContainers().get(0).setCommand(List.of("sh", "-c"));
    pod.getSpec().getContainers().get(0).setArgs(List.of(
        "id -u; id -g; grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status; touch /x 2>&1; echo done"));
    long t0 = System.nanoTime();
    admin.pods().inNamespace("nodes-security").resource(pod).create();
    await("the look ends").atMost(Duration.ofMinutes(1)).until(() -> {
      Pod p = admin.pods().inNamespace("nodes-security").withName("look").get();
      return p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase());
    });
    runs.log("a pod create -> Succeeded", t0);
    String out = admin.pods().inNamespace("nodes-security").withName("look").getLog();
    assertTrue(out.startsWith("65534\n65534\n"), out);
    assertTrue(out.contains("CapEff:\t0000000000000000"), out);
    assertTrue(out.contains("NoNewPrivs:\t1"), out);
    assertTrue(out.contains("Seccomp:\t2"), "seccomp filter mode: " + out);
    assertTrue(out.contains("Read-only file system"), out);
    assertTrue(out.endsWith("done\n"), out);
    admin.pods().inNamespace("nodes-security").withName("look").delete();
  }
}

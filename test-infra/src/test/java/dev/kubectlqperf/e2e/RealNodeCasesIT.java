package dev.kubectlqperf.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paths and failures on real nodes: hostNetwork on both sides, repetitions with a threshold, a node
 * cordoned under --cross-node, a test the kernel cannot run, the server's process killed mid-run,
 * the client's kubelet stopped mid-run, runs over IPv6.
 */
@ExtendWith(RealNodes.Extension.class)
class RealNodeCasesIT {

  private static final String SERVER_COMMAND = "qperf --listen_port 19765";
  private static final Map<String, String> SHORT = Map.of("\"--verbose --time 10\"", "\"--verbose --time 2\"");
  private static KubernetesClient admin;
  private static RealNodeRuns runs;
  private static RealNodes cluster;

  @BeforeAll
  static void setUp(RealNodes nodes) throws Exception {
    cluster = nodes;
    runs = RealNodeRuns.open(nodes);
    admin = runs.admin();
  }

  @AfterAll
  static void tearDown() {
    if (runs != null) {
      runs.close();
    }
  }

  @Test
  void hostNetworkOnBothSidesMeasuresBetweenTheNodesOwnAddresses() throws Exception {
    String ns = "nodes-hostnet";
    runs.namespace(ns);
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "hostnet", "", Map.of("    hostNetwork: false\n", "    hostNetwork: true\n",
          "  clientConfiguration:\n", "  clientConfiguration:\n    hostNetwork: true\n",
          "\"--verbose --time 10\"", "\"--verbose --time 2\""));
      Qperf done = runs.awaitFinal(ns, "hostnet", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertNotEquals(done.getStatus().getServerNode(), done.getStatus().getClientNode());
      Pod client = admin.pods().inNamespace(ns).withName("hostnet-client").get();
      assertEquals(client.getStatus().getHostIP(), client.getStatus().getPodIP(), "the node's own address");
      runs.awaitServerGone(ns, "hostnet");
    }
  }

  @Test
  void repetitionsRunOneClientEachAndTheThresholdJudgesThemAll() throws Exception {
    String ns = "nodes-repeat";
    runs.namespace(ns);
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "repeat", "  repetitions: 2\n  thresholds:\n    - \"tcp_lat latency at most 1 sec\"\n", SHORT);
      Qperf done = runs.awaitFinal(ns, "repeat", Duration.ofMinutes(4));
      assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertEquals(Verdict.Outcome.Passed, done.getStatus().getVerdict());
      List<Pod> clients = admin.pods().inNamespace(ns).withLabels(Map.of(QperfResources.LABEL_INSTANCE, "repeat",
          QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT)).list().getItems();
      assertEquals(2, clients.size(), clients.stream().map(p -> p.getMetadata().getName()).toList().toString());
      runs.awaitServerGone(ns, "repeat");
    }
  }

  /** The sample's anti-affinity needs two nodes; with one cordoned the client has nowhere to go. */
  @Test
  void crossNodeWithOneSchedulableNodeEndsClientUnschedulable() throws Exception {
    String ns = "nodes-cordon";
    runs.namespace(ns);
    admin.nodes().withName("node-2").edit(n -> {
      n.getSpec().setUnschedulable(true);
      return n;
    });
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "cordon", "", SHORT);
      Qperf done = runs.awaitFinal(ns, "cordon", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Failed, done.getStatus().getPhase());
      assertEquals("ClientUnschedulable", done.getStatus().getReason(), done.getStatus().getMessage());
      runs.awaitServerGone(ns, "cordon");
    } finally {
      admin.nodes().withName("node-2").edit(n -> {
        n.getSpec().setUnschedulable(false);
        return n;
      });
    }
  }

  /** SCTP: qperf's own error when the kernel lacks it (as here), a result where it has it. */
  @Test
  void aTestTheKernelCannotRunEndsQperfFailedWithQperfsMessage() throws Exception {
    String ns = "nodes-sctp";
    runs.namespace(ns);
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "sctp", "", Map.of("    - tcp_bw\n    - tcp_lat\n", "    - sctp_bw\n",
          "\"--verbose --time 10\"", "\"--verbose --time 2\""));
      Qperf done = runs.awaitFinal(ns, "sctp", Duration.ofMinutes(3));
      if (kernelHasSctp()) {
        assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
      } else {
        assertEquals(QperfPhase.Failed, done.getStatus().getPhase());
        assertEquals("QperfFailed", done.getStatus().getReason(), done.getStatus().getMessage());
        // qperf 0.4.11's server fails to open the socket and tells the client no more than that
        assertTrue(done.getStatus().getMessage().contains("server"), done.getStatus().getMessage());
      }
      runs.awaitServerGone(ns, "sctp");
    }
  }

  @Test
  void theServerKilledMidRunEndsTheRunFailedAndItsRestartedPodIsRemoved() throws Exception {
    String ns = "nodes-killed";
    runs.namespace(ns);
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "killed", "", Map.of("    - tcp_lat\n", "", "\"--verbose --time 10\"",
          "\"--verbose --time 30\""));
      // The server forks a child for each test it serves; once that child has spent half a second of
      // CPU it is receiving the test's data, past the synchronization (a kill before it would be a
      // server not reached yet, which the pipeline retries with a new server). The client's log says
      // nothing until it ends: qperf's stdout is a buffered pipe.
      await("the server's child measuring").atMost(Duration.ofMinutes(2)).until(() -> serverChildCpuTicks() >= 50);
      // SIGKILL to the server's qperf, as the OOM killer would: its container restarts, the client's
      // connection is reset
      Shell.Result killed = Shell.run(Map.of(), "pkill", "-9", "-x", "-f", SERVER_COMMAND);
      assertEquals(0, killed.exitCode(), "a qperf server process on this host: " + killed.err());
      Qperf done = runs.awaitFinal(ns, "killed", Duration.ofMinutes(2));
      assertEquals(QperfPhase.Failed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertEquals("QperfFailed", done.getStatus().getReason(), done.getStatus().getMessage());
      runs.awaitServerPodsGone(ns, "killed");
    }
  }

  /**
   * The kubelet of the client's node stops while qperf measures: the container runs on, but nothing
   * reports its end. Once the node controller marks the node Unknown (40 s without a heartbeat), the
   * run ends ClientNodeNotReady instead of waiting for its timeout, and the server is removed.
   */
  @Test
  void theClientsKubeletStoppedMidRunEndsClientNodeNotReady() throws Exception {
    String ns = "nodes-kubelet";
    runs.namespace(ns);
    int node = -1;
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "lost", "", Map.of("    - tcp_lat\n", "", "\"--verbose --time 10\"",
          "\"--verbose --time 120\""));
      await("the client running").atMost(Duration.ofMinutes(2)).until(() -> {
        Pod client = admin.pods().inNamespace(ns).withName("lost-client").get();
        return client != null && "Running".equals(client.getStatus().getPhase());
      });
      String nodeName = admin.pods().inNamespace(ns).withName("lost-client").get().getSpec().getNodeName();
      node = Integer.parseInt(nodeName.substring("node-".length()));
      cluster.stopKubelet(node);
      Qperf done = runs.awaitFinal(ns, "lost", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Failed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertEquals("ClientNodeNotReady", done.getStatus().getReason(), done.getStatus().getMessage());
      assertTrue(done.getStatus().getMessage().contains(nodeName), done.getStatus().getMessage());
      runs.awaitServerGone(ns, "lost");
    } finally {
      if (node > 0) {
        cluster.startKubelet(node);
        String name = "node-" + node;
        await(name + " ready again").atMost(Duration.ofMinutes(2)).until(() ->
            admin.nodes().withName(name).get().getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
      }
    }
  }

  /** The CPU time (in 1/100 s) of the server's per-test child, 0 while there is none. */
  private static int serverChildCpuTicks() throws IOException, InterruptedException {
    String out = Shell.run(Map.of(), "sh", "-c", "[ \"$(pgrep -c -x -f '" + SERVER_COMMAND + "')\" = 2 ]"
        + " && awk '{print $14 + $15}' /proc/$(pgrep -n -x -f '" + SERVER_COMMAND + "')/stat || echo 0").out().trim();
    return out.matches("[0-9]+") ? Integer.parseInt(out) : 0;
  }

  /** Whether this host's kernel opens an SCTP socket (qperf's sctp_* tests need one). */
  private static boolean kernelHasSctp() throws IOException, InterruptedException {
    Shell.Result probe = Shell.run(Map.of(), "sh", "-c", "grep -qi '^SCTP ' /proc/net/protocols");
    return probe.exitCode() == 0;
  }

  /**
   * Over IPv6 on the dual-stack local cluster: Kubestone's sample with {@code ipFamily: IPv6} (a
   * headless Service whose DNS name has only the server pod's IPv6 address), then a ClusterIP run
   * through kube-proxy's ip6tables rules; both complete and record the family.
   */
  @Test
  void runsOverIpv6ThroughTheHeadlessServiceAndAClusterIpRecordTheFamily() throws Exception {
    String ns = "nodes-ipv6";
    runs.namespace(ns);
    try (Pipeline ignored = runs.pipeline(ns)) {
      runs.applySample(ns, "v6", "  ipFamily: IPv6\n", SHORT);
      Service headless = awaitService(ns, "v6");
      assertEquals(List.of("IPv6"), headless.getSpec().getIpFamilies());
      Qperf done = runs.awaitFinal(ns, "v6", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Completed, done.getStatus().getPhase(), done.getStatus().getMessage());
      assertEquals(IpFamily.IPv6, done.getStatus().getIpFamily());
      assertNotEquals(done.getStatus().getServerNode(), done.getStatus().getClientNode());

      runs.check(Kubectl.plugin(cluster.kubeconfig(), "create", "v6c", "-n", ns, "--ip-family", "IPv6",
          "--service-type", "ClusterIP", "--cross-node", "--tests", "tcp_bw,tcp_lat", "--options", "-t 2"));
      Service clusterIp = awaitService(ns, "v6c");
      assertTrue(clusterIp.getSpec().getClusterIP().contains(":"), clusterIp.getSpec().getClusterIP());
      Qperf viaProxy = runs.awaitFinal(ns, "v6c", Duration.ofMinutes(3));
      assertEquals(QperfPhase.Completed, viaProxy.getStatus().getPhase(), viaProxy.getStatus().getMessage());
      assertEquals(IpFamily.IPv6, viaProxy.getStatus().getIpFamily());
    }
  }

  private static Service awaitService(String ns, String name) {
    await(ns + "/" + name + " Service").atMost(Duration.ofMinutes(1))
        .until(() -> admin.services().inNamespace(ns).withName(name).get() != null);
    return admin.services().inNamespace(ns).withName(name).get();
  }
}

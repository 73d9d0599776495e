package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.matrix.MatrixChildren;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.NodePair;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.Scenario;
import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.pipeline.FakeKubelet;
import dev.kubectlqperf.pipeline.PipelineFixture;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.awaitility.Awaitility;

/**
 * One matrix child as the pipeline leaves it: the real pipeline, on the fabric8 CRUD mock API
 * server in this JVM with the fake kubelet, runs a child built by {@link MatrixChildren} to its
 * end, the client's log being a checked-in qperf capture; what is returned is the ended child and
 * its client pod as the API server holds them, in JSON. Everything is closed before it returns.
 */
record CompletedChild(String qperfJson, String clientPodJson) {

  static final String CAPTURE = "tcp_bw_tcp_lat.txt";

  static CompletedChild run(QperfMatrix matrix, QperfSpec template) throws Exception {
    // CRUD, and the expectations the fake kubelet sets (the client's log), as @EnableKubernetesMockClient(crud = true)
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    KubernetesClient client = server.createClient();
    try (PipelineFixture fixture = new PipelineFixture(client)) {
      try (InputStream crd = CompletedChild.class.getResourceAsStream(
          "/crd/qperfmatrices.perf.kubestone.xridge.io.yaml")) {
        client.apiextensions().v1().customResourceDefinitions().load(crd).create();
      }
      fixture.start(Map.of("QPERF_RESYNC_SECONDS", "600"), Step.Listener.NONE);
      // the fake kubelet runs the client on node-b and the server on node-a
      NodePair pair = new NodePair(new MatrixNode(FakeKubelet.CLIENT_NODE, "zone-b"),
          new MatrixNode(FakeKubelet.SERVER_NODE, "zone-a"));
      Qperf child = MatrixChildren.child(matrix, template, Scenario.PodToPod, pair);
      child.getMetadata().setNamespace(PipelineFixture.NS);
      String name = client.resource(child).create().getMetadata().getName();
      FakeKubelet kubelet = new FakeKubelet(client, server);
      awaitNotNull(() -> client.apps().deployments().inNamespace(PipelineFixture.NS).withName(name).get());
      kubelet.serverReady(PipelineFixture.NS, name);
      String podName = name + "-client";
      awaitNotNull(() -> client.pods().inNamespace(PipelineFixture.NS).withName(podName).get());
      fixture.awaitPhase(name, QperfPhase.Running);
      kubelet.clientEnded(PipelineFixture.NS, podName, 0, capture());
      fixture.awaitPhase(name, QperfPhase.Completed);
      fixture.awaitServerGone(name);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get(name).getStatus().getSinks().values()
          .stream().allMatch(d -> d.state() == SinkDelivery.State.Delivered));
      if (fixture.get(name).getStatus().getResults() == null) {
        throw new IllegalStateException("the pipeline recorded no results: " + fixture.published);
      }
      Pod pod = client.pods().inNamespace(PipelineFixture.NS).withName(podName).get();
      var json = client.getKubernetesSerialization();
      return new CompletedChild(json.asJson(fixture.get(name)), json.asJson(pod));
    } finally {
      client.close();
      server.destroy();
    }
  }

  private static void awaitNotNull(java.util.function.Supplier<?> lookup) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lookup.get() != null);
  }

  private static String capture() {
    try (InputStream in = CompletedChild.class.getResourceAsStream("/qperf-outputs/" + CAPTURE)) {
      return CaptureFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)).output();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

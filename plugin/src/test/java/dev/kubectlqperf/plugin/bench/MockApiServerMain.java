package dev.kubectlqperf.plugin.bench;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A CRUD mock API server in its own process, with the Qperf CRD and a few runs, for benchmarks
 * that compare the plugin with kubectl on one server. Writes a kubeconfig, prints its path, and
 * runs until killed. Usage: MockApiServerMain KUBECONFIG_PATH [RUNS]
 */
public final class MockApiServerMain {

  private MockApiServerMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient client = server.createClient();
        InputStream crd = MockApiServerMain.class.getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
      for (int i = 0; i < runs; i++) {
        Qperf q = new Qperf();
        q.setMetadata(new ObjectMetaBuilder().withName("run-" + i).withNamespace("bench").build());
        q.setSpec(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), "-v"));
        client.resource(q).create();
      }
    }
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster: {server: "%s"}
          name: mock
        contexts:
        - context: {cluster: mock, user: mock, namespace: bench}
          name: mock
        current-context: mock
        users:
        - name: mock
          user: {token: mock}
        """.formatted(server.url("/").replaceAll("/$", "")));
    System.out.println("ready " + kubeconfig);
    new CountDownLatch(1).await();
  }
}

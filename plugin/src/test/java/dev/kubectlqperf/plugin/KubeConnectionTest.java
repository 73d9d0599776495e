package dev.kubectlqperf.plugin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection as the launcher builds it: from a kubeconfig file. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubeConnectionTest {

  KubernetesMockServer server;

  @Test
  void closingStopsTheHttpClientSoTheJvmExitsWithoutWaiting(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"http://"
        + server.getHostName() + ":" + server.getPort() + "\"}\n  name: mock\ncontexts:\n"
        + "- context: {cluster: mock, user: me, namespace: bench}\n  name: mock\ncurrent-context: mock\n"
        + "users:\n- name: me\n  user: {token: t}\n");
    Set<String> before = selectorThreads();
    Set<String> ours;
    try (KubeConnection kube = new KubeConnection()) {
      KubeTarget target = new KubeTarget(kubeconfig.toString(), null, null);
      assertEquals("bench", kube.namespace(target));
      kube.client(target).namespaces().list();
      ours = selectorThreads();
      ours.removeAll(before);
      assertEquals(1, ours.size(), "one JDK HTTP client selector started: " + ours);
    }
    // A selector left blocked in native code makes every CLI call wait 300 ms at JVM exit.
    await().atMost(Duration.ofSeconds(5)).until(() -> selectorThreads().stream().noneMatch(ours::contains));
  }

  private static Set<String> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }
}

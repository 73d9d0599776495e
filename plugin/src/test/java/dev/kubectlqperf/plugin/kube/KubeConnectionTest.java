package dev.kubectlqperf.plugin.kube;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection as the launcher, the shell and the helper build it: from a kubeconfig file. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubeConnectionTest {

  KubernetesMockServer server;

  @Test
  void reusesAClientUntilTheKubeconfigChanges(@TempDir Path dir) throws Exception {
    Path kubeconfig = writeKubeconfig(dir, "bench");
    try (KubeConnection kube = new KubeConnection()) {
      KubeTarget target = new KubeTarget(kubeconfig.toString(), null, null);
      KubernetesClient first = kube.client(target);
      assertSame(first, kube.client(target), "nothing changed: the same client");
      assertEquals("bench", kube.namespace(target));

      writeKubeconfig(dir, "other");
      KubernetesClient second = kube.client(target);
      assertNotSame(first, second, "the kubeconfig changed: a new client");
      assertEquals("other", kube.namespace(target));
      assertTrue(first.getHttpClient().isClosed(), "the replaced client is closed");
      second.namespaces().list();
    }
  }

  @Test
  void closingStopsTheHttpClientSoTheJvmExitsWithoutWaiting(@TempDir Path dir) throws Exception {
    Path kubeconfig = writeKubeconfig(dir, "bench");
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

  private Path writeKubeconfig(Path dir, String namespace) throws Exception {
    return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"http://"
        + server.getHostName() + ":" + server.getPort() + "\"}\n  name: mock\ncontexts:\n"
        + "- context: {cluster: mock, user: me, namespace: " + namespace + "}\n  name: mock\ncurrent-context: mock\n"
        + "users:\n- name: me\n  user: {token: t}\n");
  }

  private static Set<String> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }
}

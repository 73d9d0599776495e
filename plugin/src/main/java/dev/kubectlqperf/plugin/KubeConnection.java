package dev.kubectlqperf.plugin;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Cluster clients, built on first use and reused for the same kubeconfig and context (the shell
 * runs many commands on one client). Short commands such as {@code parse} never build one.
 */
public class KubeConnection implements AutoCloseable {

  private final Function<KubeTarget, KubernetesClient> factory;
  private final Map<String, KubernetesClient> clients = new HashMap<>();
  private volatile String sessionNamespace;
  private volatile boolean interactive;

  public KubeConnection() {
    this(KubeConnection::fromKubeconfig);
  }

  /** For tests: a fixed client, whatever the target. */
  public KubeConnection(Function<KubeTarget, KubernetesClient> factory) {
    this.factory = factory;
  }

  public synchronized KubernetesClient client(KubeTarget target) {
    String key = target.kubeconfig() + "|" + target.context();
    return clients.computeIfAbsent(key, k -> factory.apply(target));
  }

  /** The namespace: the flag, else the shell's {@code use}, else the context's, else {@code default}. */
  public String namespace(KubeTarget target) {
    if (target.namespace() != null && !target.namespace().isBlank()) {
      return target.namespace();
    }
    if (sessionNamespace != null) {
      return sessionNamespace;
    }
    String ns = client(target).getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  /** The interactive shell's {@code use NAMESPACE}. */
  public void useNamespace(String namespace) {
    this.sessionNamespace = namespace;
  }

  public boolean isInteractive() {
    return interactive;
  }

  public void setInteractive(boolean interactive) {
    this.interactive = interactive;
  }

  private static KubernetesClient fromKubeconfig(KubeTarget target) {
    Config config = target.kubeconfig() == null
        ? Config.autoConfigure(target.context())
        : Config.fromKubeconfig(target.context(), new File(target.kubeconfig()));
    // A CLI answers or fails fast; kubectl does not retry for seconds either.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(5_000);
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new ClosingJdkHttpClientFactory())
        .build();
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}

package dev.kubectlqperf.plugin.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Function;

/**
 * The cluster connection of one process: clients for kubectl's global flags, and the shell's
 * session namespace. Short commands such as {@code parse} never build a client.
 */
public class KubeConnection implements AutoCloseable {

  private final Function<KubeTarget, KubernetesClient> clients;
  private final Runnable closer;
  private volatile String sessionNamespace;
  private volatile boolean interactive;

  /** Clients from kubeconfig, as kubectl finds it. */
  public KubeConnection() {
    this(new KubeconfigClients());
  }

  private KubeConnection(KubeconfigClients clients) {
    this.clients = clients::client;
    this.closer = clients::close;
  }

  /** For tests: a fixed client, whatever the target. */
  public KubeConnection(Function<KubeTarget, KubernetesClient> factory) {
    this.clients = factory;
    this.closer = () -> { };
  }

  public KubernetesClient client(KubeTarget target) {
    return clients.apply(target);
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

  @Override
  public void close() {
    closer.run();
  }
}

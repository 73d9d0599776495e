package dev.kubectlqperf.plugin.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cluster clients built from kubeconfig, one per kubeconfig file and context.
 *
 * <p>The configuration is resolved again on every call (well under a millisecond once warm), and a
 * client is reused only while that configuration and the certificate files it names are unchanged.
 * So a long-lived process (the shell, the helper) follows {@code kubectl config use-context}, a
 * refreshed token or a rotated certificate as a new process would.
 */
final class KubeconfigClients implements AutoCloseable {

  private record FileStamp(String path, FileTime modified, long size) {}

  private record Built(Config config, List<FileStamp> files, KubernetesClient client) {}

  private final Map<String, Built> built = new HashMap<>();

  synchronized KubernetesClient client(KubeTarget target) {
    Config config = resolve(target);
    List<FileStamp> files = stamps(config);
    String key = target.kubeconfig() + "|" + target.context() + "|" + target.overrides();
    Built current = built.get(key);
    if (current != null && current.config().equals(config) && current.files().equals(files)) {
      return current.client();
    }
    if (current != null) {
      current.client().close();
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new ClosingJdkHttpClientFactory()).build();
    built.put(key, new Built(config, files, client));
    return client;
  }

  private static Config resolve(KubeTarget target) {
    Config config = target.kubeconfig() == null
        ? Config.autoConfigure(target.context())
        : Config.fromKubeconfig(target.context(), new File(target.kubeconfig()));
    // A CLI answers or fails fast; kubectl does not retry for seconds either.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(5_000);
    return target.overrides().applyTo(config);
  }

  private static List<FileStamp> stamps(Config config) {
    return Stream.of(config.getCaCertFile(), config.getClientCertFile(), config.getClientKeyFile())
        .filter(f -> f != null && !f.isBlank())
        .map(f -> stamp(Path.of(f)))
        .toList();
  }

  private static FileStamp stamp(Path file) {
    try {
      return new FileStamp(file.toString(), Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return new FileStamp(file.toString(), null, -1);
    }
  }

  @Override
  public synchronized void close() {
    built.values().forEach(b -> b.client().close());
    built.clear();
  }
}

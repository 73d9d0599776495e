package dev.kubectlqperf.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real control plane (control-plane.sh up), started once for all the *IT classes of this module
 * and stopped when they end, failed or not (JUnit closes the root store's resources).
 */
public final class ControlPlane implements ExtensionContext.Store.CloseableResource {

  private final Path dir;
  private final Path kubeconfig;

  private ControlPlane(Path dir) {
    this.dir = dir;
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  static ControlPlane start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("qperf-control-plane");
    // Also when the test JVM is told to stop (surefire's shutdown, Ctrl-C): never leave daemons behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        script("down", dir);
      } catch (IOException | InterruptedException e) {
        // best effort at exit
      }
    }, "control-plane-down"));
    script("up", dir);
    return new ControlPlane(dir);
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Config adminConfig() throws IOException {
    return new ConfigBuilder(Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString()))
        .withRequestRetryBackoffLimit(3).build();
  }

  public KubernetesClient admin() throws IOException {
    return new KubernetesClientBuilder().withConfig(adminConfig()).build();
  }

  /** A client acting as a ServiceAccount: the admin certificate may impersonate. */
  public KubernetesClient as(String namespace, String serviceAccount) throws IOException {
    Config config = new ConfigBuilder(adminConfig())
        .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + serviceAccount)
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Stops and starts kube-apiserver: every watch on it closes. */
  public void restartApiServer() throws IOException, InterruptedException {
    script("restart-apiserver", dir);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("down", dir);
  }

  private static void script(String verb, Path dir) throws IOException, InterruptedException {
    Path log = Files.createTempFile("control-plane-" + verb, ".log");
    Process p = new ProcessBuilder(List.of("bash", "control-plane.sh", verb, dir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("control-plane.sh " + verb + " failed:\n" + Files.readString(log));
    }
  }

  /** Gives tests the one shared control plane. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("control-plane", k -> {
        try {
          return start();
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, ControlPlane.class);
    }
  }
}

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
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A local cluster with real nodes (local-cluster.sh up: the control plane, kubelets, containerd,
 * kube-proxy, a cluster DNS), started once for the classes that ask for it and removed when they end.
 * Building kubelet, kube-proxy and the images is an explicit step ({@code local-cluster.sh build});
 * without it this fixture fails at once and says so.
 */
public final class RealNodes implements ExtensionContext.Store.CloseableResource {

  static final String SCRIPT = "local-cluster.sh";
  private final Path dir;
  private final Path kubeconfig;

  private RealNodes(Path dir) {
    this.dir = dir;
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  static RealNodes start() throws IOException, InterruptedException {
    return start(2);
  }

  /** A cluster of its own with {@code nodes} nodes, for a class that asks for {@link Exclusive} use. */
  static RealNodes start(int nodes) throws IOException, InterruptedException {
    Script check = script(List.of("check"), 1);
    if (check.exitCode() != 0) {
      throw new IllegalStateException("real-node tests need the binaries and images built first, as root: "
          + "test-infra/control-plane.sh build && test-infra/local-cluster.sh build\n" + check.output());
    }
    Path dir = Files.createTempDirectory("qperf-local-cluster");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        script(List.of("down", dir.toString()), 2);
      } catch (IOException | InterruptedException e) {
        // best effort at exit
      }
    }, "local-cluster-down"));
    Script up = script(List.of("up", dir.toString(), String.valueOf(nodes)), 5);
    if (up.exitCode() != 0) {
      script(List.of("down", dir.toString()), 2);
      throw new IllegalStateException("local-cluster.sh up failed:\n" + up.output());
    }
    return new RealNodes(dir);
  }

  public Path dir() {
    return dir;
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

  /** Stops the kubelet of node-{@code i} alone: its containers run on, nothing reports their state. */
  public void stopKubelet(int i) throws IOException, InterruptedException {
    kubelet("stop-kubelet", i);
  }

  public void startKubelet(int i) throws IOException, InterruptedException {
    kubelet("start-kubelet", i);
  }

  private void kubelet(String verb, int i) throws IOException, InterruptedException {
    Script s = script(List.of(verb, dir.toString(), String.valueOf(i)), 1);
    if (s.exitCode() != 0) {
      throw new IllegalStateException("local-cluster.sh " + verb + " failed:\n" + s.output());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Script down = script(List.of("down", dir.toString()), 2);
    if (down.exitCode() != 0) {
      throw new IllegalStateException("local-cluster.sh down failed:\n" + down.output());
    }
  }

  record Script(int exitCode, String output) {}

  private static Script script(List<String> args, int minutes) throws IOException, InterruptedException {
    Path log = Files.createTempFile("local-cluster-" + args.get(0), ".log");
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Script(-1, "timed out after " + minutes + " min\n" + Files.readString(log));
    }
    return new Script(p.exitValue(), Files.readString(log));
  }

  /**
   * For a class that brings up a local cluster of its own (one per host): takes the shared one down
   * first; a later class asking for it gets a new one.
   */
  public static final class Exclusive implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext c) throws Exception {
      RealNodes shared = c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).remove("real-nodes", RealNodes.class);
      if (shared != null) {
        shared.close();
      }
    }
  }

  /** Gives tests the one shared local cluster. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == RealNodes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("real-nodes", k -> {
        try {
          return start();
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, RealNodes.class);
    }
  }
}

package dev.kubectlqperf.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs kubectl or the packaged kubectl-qperf as processes, as a user would. */
final class Kubectl {

  private Kubectl() {}

  static Shell.Result kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return Shell.run(Map.of("KUBECONFIG", kubeconfig.toString()), command.toArray(String[]::new));
  }

  /** The plugin jar, built by the plugin module of this reactor. */
  static Shell.Result plugin(Path kubeconfig, String... args) throws IOException, InterruptedException {
    return plugin(Map.of(), kubeconfig, args);
  }

  /** The plugin jar with further environment variables. */
  static Shell.Result plugin(Map<String, String> env, Path kubeconfig, String... args)
      throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("KUBECONFIG", kubeconfig.toString());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("..", "plugin", "target", "kubectl-qperf.jar").toString()));
    command.addAll(List.of(args));
    return Shell.run(all, command.toArray(String[]::new));
  }
}

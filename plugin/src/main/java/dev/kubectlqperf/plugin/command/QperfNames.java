package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import java.util.Iterator;
import java.util.List;

/**
 * Tab completion of Qperf names in the current namespace. Only the interactive shell asks the
 * cluster; generated completion scripts and help texts never wait for one.
 */
public final class QperfNames implements Iterable<String> {

  private final CliContext context;

  QperfNames(CliContext context) {
    this.context = context;
  }

  @Override
  public Iterator<String> iterator() {
    if (!context.kube().isInteractive()) {
      return List.<String>of().iterator();
    }
    try {
      KubeTarget target = new KubeTarget(null, null, null);
      return context.kube().client(target).resources(Qperf.class).inNamespace(context.kube().namespace(target))
          .list().getItems().stream().map(q -> q.getMetadata().getName()).sorted().iterator();
    } catch (RuntimeException e) {
      return List.<String>of().iterator();
    }
  }
}

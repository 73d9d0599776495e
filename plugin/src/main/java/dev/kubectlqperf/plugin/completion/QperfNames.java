package dev.kubectlqperf.plugin.completion;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import dev.kubectlqperf.plugin.kube.QperfApi;
import java.util.Iterator;
import java.util.List;

/**
 * Tab completion of Qperf names in the current namespace. Only the interactive shell asks the
 * cluster; generated completion scripts and help texts never wait for one.
 */
public final class QperfNames implements Iterable<String> {

  private final CliContext context;

  public QperfNames(CliContext context) {
    this.context = context;
  }

  @Override
  public Iterator<String> iterator() {
    if (!context.kube().isInteractive()) {
      return List.<String>of().iterator();
    }
    try {
      QperfApi api = QperfApi.connect(context.kube(), new KubeTarget(null, null, null));
      return api.list(false, null).stream().map(q -> q.getMetadata().getName()).iterator();
    } catch (RuntimeException e) {
      return List.<String>of().iterator();
    }
  }
}

package dev.kubectlqperf.plugin.kube;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** The schedule commands' calls to the API server, as MatrixApi's for matrices. */
public final class ScheduleApi {

  public static final String CRD_MISSING = "the QperfSchedule CRD (" + QperfSchedule.CRD_NAME + ") is not installed "
      + "in this cluster: run ./install.sh, or kubectl apply -f crd/" + QperfSchedule.CRD_NAME + ".yaml";

  private final KubernetesClient client;
  private final String namespace;

  public ScheduleApi(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static ScheduleApi connect(KubeConnection kube, KubeTarget target) {
    return new ScheduleApi(kube.client(target), kube.namespace(target));
  }

  public QperfSchedule get(String name) {
    QperfSchedule s = CrdCalls.call(() -> client.resources(QperfSchedule.class).inNamespace(namespace).withName(name)
        .get(), CRD_MISSING);
    if (s == null) {
      throw new CliException(ExitCodes.NOT_FOUND,
          QperfSchedule.CRD_NAME + " \"" + name + "\" not found in namespace " + namespace);
    }
    return s;
  }

  public List<QperfSchedule> list() {
    return CrdCalls.call(() -> client.resources(QperfSchedule.class).inNamespace(namespace).list().getItems(),
        CRD_MISSING);
  }

  /** Creates it in this API's namespace. */
  public QperfSchedule create(QperfSchedule schedule) {
    schedule.getMetadata().setNamespace(namespace);
    try {
      return CrdCalls.call(() -> client.resource(schedule).create(), CRD_MISSING);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new CliException(ExitCodes.FAILURE, QperfSchedule.CRD_NAME + " \"" + schedule.getMetadata().getName()
            + "\" already exists in namespace " + namespace);
      }
      if (e.getCode() == 422 || e.getCode() == 400) {
        throw new CliException(ExitCodes.USAGE, "the API server rejected the QperfSchedule: "
            + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
      }
      throw e;
    }
  }
}

package dev.kubectlqperf.plugin.kube;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.PairResults;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The matrix commands' calls to the API server (QperfMatrix and its child Qperves), as QperfApi's for runs. */
public final class MatrixApi {

  public static final String CRD_MISSING = "the QperfMatrix CRD (" + QperfMatrix.CRD_NAME + ") is not installed in this "
      + "cluster: run ./install.sh, or kubectl apply -f crd/" + QperfMatrix.CRD_NAME + ".yaml";

  private final KubernetesClient client;
  private final String namespace;

  public MatrixApi(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static MatrixApi connect(KubeConnection kube, KubeTarget target) {
    return new MatrixApi(kube.client(target), kube.namespace(target));
  }

  public String namespace() {
    return namespace;
  }

  public QperfMatrix get(String name) {
    QperfMatrix m = call(() -> client.resources(QperfMatrix.class).inNamespace(namespace).withName(name).get());
    if (m == null) {
      throw new CliException(ExitCodes.NOT_FOUND,
          QperfMatrix.CRD_NAME + " \"" + name + "\" not found in namespace " + namespace);
    }
    return m;
  }

  public QperfMatrix create(QperfMatrix matrix) {
    try {
      return call(() -> client.resource(matrix).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new CliException(ExitCodes.FAILURE, QperfMatrix.CRD_NAME + " \"" + matrix.getMetadata().getName()
            + "\" already exists in namespace " + namespace);
      }
      if (e.getCode() == 422 || e.getCode() == 400) {
        throw new CliException(ExitCodes.USAGE, "the API server rejected the QperfMatrix: " + (e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage() : e.getMessage()));
      }
      throw e;
    }
  }

  /** The pair results read from the matrix's children: every pair, where the status keeps a bounded few. */
  public List<PairResult> pairs(QperfMatrix matrix) {
    String uid = matrix.getMetadata().getUid();
    return client.resources(Qperf.class).inNamespace(namespace)
        .withLabels(QperfResources.matrixChildSelector(matrix.getMetadata().getName())).list().getItems().stream()
        .filter(c -> c.getMetadata().getOwnerReferences() != null
            && c.getMetadata().getOwnerReferences().stream().anyMatch(ref -> ref.getUid().equals(uid)))
        .map(PairResults::fromChild)
        .sorted(java.util.Comparator.comparing((PairResult r) -> String.valueOf(r.scenario()))
            .thenComparing(r -> String.valueOf(r.src())).thenComparing(r -> String.valueOf(r.dst())))
        .toList();
  }

  /** Blocks until {@code done} holds for the matrix (called on every change), or the timeout passes. */
  public QperfMatrix await(String name, Predicate<QperfMatrix> done, Duration timeout) {
    return client.resources(QperfMatrix.class).inNamespace(namespace).withName(name)
        .waitUntilCondition(m -> m != null && done.test(m), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A 404 on the resource type itself means the CRD is missing. */
  private static <T> T call(java.util.function.Supplier<T> request) {
    return CrdCalls.call(request, CRD_MISSING);
  }
}

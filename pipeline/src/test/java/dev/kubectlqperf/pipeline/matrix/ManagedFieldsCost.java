package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code metadata.managedFields} add to each cached copy, which the mock API server does not
 * write and fabric8's informers keep. The two objects in {@code matrix-bench/} are a matrix child
 * and its client pod as a real kube-apiserver (1.20, test-infra/control-plane.sh) stored them:
 * created with field manager {@code fabric8-kubernetes-client}, the child's status written by a
 * JSON patch to its status subresource by that manager, the pod's by a merge patch as
 * {@code kubelet}, read back with {@code kubectl get -o json --show-managed-fields}. Each is
 * decoded many times with and without its managedFields; the difference is per copy.
 */
final class ManagedFieldsCost {

  private static final int COPIES = 2000;

  private ManagedFieldsCost() {}

  static void print(KubernetesSerialization json, int pairs, long matrixBytes, long heapNow) {
    double child = extra(json, "child-as-stored.json", Qperf.class);
    double pod = extra(json, "client-pod-as-stored.json", Pod.class);
    double perPair = 2 * child + pod;
    System.out.printf("%nmanagedFields as kube-apiserver 1.20 stores them (captured objects): +%.2f KB per child copy, "
        + "+%.2f KB per client pod; +%.2f KB per pair (two child copies and a pod): the matrix would take %.1f MB "
        + "(%.2f KB per pair), the JVM %.1f MB%n", child / 1024, pod / 1024, perPair / 1024,
        (matrixBytes + perPair * pairs) / 1048576.0, (matrixBytes + perPair * pairs) / 1024.0 / pairs,
        (heapNow + perPair * pairs) / 1048576.0);
  }

  /** Bytes of heap the object's managedFields add to one decoded copy. */
  private static <T extends HasMetadata> double extra(KubernetesSerialization json, String resource, Class<T> type) {
    String with = read(resource);
    T stripped = json.unmarshal(with, type);
    stripped.getMetadata().setManagedFields(null);
    String without = json.asJson(stripped);
    return (perCopy(json, with, type) - perCopy(json, without, type));
  }

  private static double perCopy(KubernetesSerialization json, String text, Class<?> type) {
    long base = MatrixHeapBench.retained();
    List<Object> held = new ArrayList<>(COPIES);
    for (int i = 0; i < COPIES; i++) {
      held.add(json.unmarshal(text, type));
    }
    long after = MatrixHeapBench.retained();
    if (held.size() != COPIES) {
      throw new IllegalStateException("lost copies");
    }
    return (after - base) / (double) COPIES;
  }

  private static String read(String resource) {
    try (InputStream in = ManagedFieldsCost.class.getResourceAsStream("/matrix-bench/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

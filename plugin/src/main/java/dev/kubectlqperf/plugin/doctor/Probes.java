package dev.kubectlqperf.plugin.doctor;

import dev.kubectlqperf.plugin.diagnosis.ProbeOutput;
import dev.kubectlqperf.plugin.diagnosis.ProbePod;
import dev.kubectlqperf.plugin.failure.Failures;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe pod per node and reads what each reports. The pods are deleted however doctor
 * ends: at the end, on an error, on the timeout, and on Ctrl-C (a shutdown hook).
 */
final class Probes {

  /** Waiting reasons after which the container will not start without a change. */
  private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
      "CreateContainerConfigError", "CreateContainerError", "ErrImageNeverPull");
  private final KubernetesClient client;

  Probes(KubernetesClient client) {
    this.client = client;
  }

  List<ProbeOutput> run(String namespace, List<String> nodes, String image, Duration timeout) {
    String suffix = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    List<Pod> pods = nodes.stream().map(n -> ProbePod.pod(namespace, n, suffix, image)).toList();
    Thread cleanup = new Thread(() -> delete(pods), "doctor-probe-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      List<String> createErrors = new ArrayList<>();
      for (Pod pod : pods) {
        try {
          client.pods().resource(pod).create();
          createErrors.add(null);
        } catch (RuntimeException e) {
          createErrors.add(Failures.messageOf(e));
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<ProbeOutput> outputs = new ArrayList<>();
      for (int i = 0; i < pods.size(); i++) {
        String node = nodes.get(i);
        outputs.add(createErrors.get(i) != null ? ProbeOutput.notStarted(node, "cannot create the pod: "
            + createErrors.get(i)) : await(pods.get(i), node, deadline, timeout));
      }
      return outputs;
    } finally {
      delete(pods);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway
      }
    }
  }

  private ProbeOutput await(Pod pod, String node, long deadline, Duration timeout) {
    var resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    Pod seen;
    try {
      seen = resource.waitUntilCondition(p -> p == null || done(p) || stuck(p) != null, left, TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      Pod now = resource.get();
      return ProbeOutput.notStarted(node, "not done within " + timeout.toSeconds() + "s (phase "
          + (now == null || now.getStatus() == null ? "unknown" : now.getStatus().getPhase()) + ")");
    }
    if (seen == null) {
      return ProbeOutput.notStarted(node, "the pod was deleted");
    }
    String stuck = stuck(seen);
    if (stuck != null) {
      return ProbeOutput.notStarted(node, stuck);
    }
    try {
      return ProbeOutput.parse(node, resource.getLog());
    } catch (RuntimeException e) {
      return ProbeOutput.notStarted(node, "cannot read its log: " + Failures.messageOf(e));
    }
  }

  private static boolean done(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String stuck(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
      var waiting = s.getState() == null ? null : s.getState().getWaiting();
      if (waiting != null && STUCK.contains(waiting.getReason())) {
        return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
      }
    }
    return null;
  }

  private void delete(List<Pod> pods) {
    for (Pod pod : pods) {
      try {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
            .withGracePeriod(0).delete();
      } catch (RuntimeException e) {
        // best effort: the pod's activeDeadlineSeconds ends it anyway
      }
    }
  }
}

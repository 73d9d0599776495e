package dev.kubectlqperf.pipeline.reconcile;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads from a pod's status the problems that will not go away by waiting. */
final class PodProblems {

  /** ErrImagePull alone is left out: the first pull may fail on a registry hiccup and succeed later. */
  private static final Set<String> IMAGE_FAILURES = Set.of("ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> CONFIG_FAILURES = Set.of("CreateContainerConfigError", "CreateContainerError");

  private PodProblems() {}

  /**
   * @param side {@code Server} or {@code Client}, the prefix of the reason
   */
  static Optional<Problem> of(Pod pod, String side, Instant now, Duration unschedulableGrace) {
    if (pod == null || pod.getStatus() == null) {
      return Optional.empty();
    }
    for (ContainerStatus cs : containerStatuses(pod)) {
      ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
      if (waiting == null) {
        continue;
      }
      String why = waiting.getReason();
      if (IMAGE_FAILURES.contains(why)) {
        return Optional.of(new Problem(side + "ImagePullFailed",
            "cannot pull image " + cs.getImage() + " (" + why + detail(waiting.getMessage()) + "); "
                + doctor(pod) + " --probe --image " + cs.getImage() + " tries it on every node"));
      }
      if (CONFIG_FAILURES.contains(why)) {
        return Optional.of(new Problem(side + "CannotStart", why + detail(waiting.getMessage())));
      }
      if ("CrashLoopBackOff".equals(why)) {
        return Optional.of(new Problem(side + "Crashing", "the qperf " + side.toLowerCase() + " keeps exiting"
            + lastTermination(cs)));
      }
    }
    return unschedulable(pod, side, now, unschedulableGrace);
  }

  private static Optional<Problem> unschedulable(Pod pod, String side, Instant now, Duration grace) {
    List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions();
    for (PodCondition c : conditions) {
      if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())) {
        Instant since = c.getLastTransitionTime() == null ? now : Instant.parse(c.getLastTransitionTime());
        if (!since.plus(grace).isAfter(now)) {
          boolean tainted = c.getMessage() != null && c.getMessage().contains("taint");
          return Optional.of(new Problem(side + "Unschedulable",
              "no node can run the " + side.toLowerCase() + " pod" + detail(c.getMessage()) + "; " + doctor(pod)
                  + (tainted ? " names the tolerations that admit the tainted nodes" : " lists the schedulable nodes")));
        }
      }
    }
    return Optional.empty();
  }

  /** The doctor hint for causes its cheap checks explain. */
  private static String doctor(Pod pod) {
    String ns = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
    return "kubectl qperf doctor" + (ns == null ? "" : " -n " + ns);
  }

  private static String lastTermination(ContainerStatus cs) {
    ContainerStateTerminated t = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
    if (t == null) {
      return "";
    }
    return " (exit code " + t.getExitCode() + detail(t.getMessage()) + ")";
  }

  private static String detail(String message) {
    return message == null || message.isBlank() ? "" : ": " + message.strip();
  }

  static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus().getContainerStatuses() == null ? List.of() : pod.getStatus().getContainerStatuses();
  }
}

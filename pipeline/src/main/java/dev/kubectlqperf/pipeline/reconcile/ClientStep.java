package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.ServiceType;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.qperf.StreamStart;
import dev.kubectlqperf.model.run.ClientPodResult;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The client pods of a run, one repetition after the other: the latest pod is the one to look
 * after; the next starts when it has ended. A repetition whose pod is gone is never run again
 * while a later one exists. Proceeds when the last repetition has ended.
 */
final class ClientStep {

  /** How many times a client that could not reach the server yet is started again. */
  static final int MAX_PATH_RETRIES = 3;
  /**
   * kube-proxy programs a Service's new endpoints a moment after they are ready, and refuses
   * connections to its ClusterIP until then: a client through it, or after a server restart, starts
   * this long after the server became ready.
   */
  static final Duration PATH_SETTLE = Duration.ofSeconds(2);
  private static final Duration DELETION_POLL = Duration.ofSeconds(1);

  private final QperfCluster cluster;
  private final EventRecorder events;
  private final Step.Listener steps;
  private final Duration unschedulableGrace;

  ClientStep(QperfCluster cluster, EventRecorder events, Step.Listener steps, Duration unschedulableGrace) {
    this.cluster = cluster;
    this.events = events;
    this.steps = steps;
    this.unschedulableGrace = unschedulableGrace;
  }

  Decision advance(RunPass pass) {
    List<Pod> pods = cluster.clientPods(pass.run());
    if (pods.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)) {
      return Decision.waitFor(DELETION_POLL);
    }
    Pod latest = pods.stream().max(Comparator.comparingInt(QperfResources::repetitionOf)).orElse(null);
    if (latest != null && !ClientPodResult.ended(latest)) {
      return watch(pass, latest);
    }
    if (latest != null) {
      Optional<Decision> retry = retryWhenPathNotReady(pass, latest);
      if (retry.isPresent()) {
        return retry.get();
      }
    }
    int done = latest == null ? 0 : QperfResources.repetitionOf(latest);
    return done < pass.repetitions() ? start(pass, done + 1) : Decision.proceed();
  }

  private Decision start(RunPass pass, int n) {
    Qperf run = pass.run();
    String podName = QperfResources.clientPodName(run, n);
    Pod taken = cluster.pod(pass.namespace(), podName);
    if (taken != null) {
      return NameConflicts.check(taken, run).orElse(Decision.waitFor(DELETION_POLL));
    }
    Optional<Duration> settling = settling(pass);
    if (settling.isPresent()) {
      return Decision.waitFor(settling.get());
    }
    cluster.createIfAbsent(QperfManifests.clientPod(run, n));
    String what = pass.repetitions() == 1 ? "" : "repetition " + n + " of " + pass.repetitions() + ": ";
    events.normal(run, "ClientStarted", what + "started client pod " + podName);
    steps.reached(Step.CLIENT_CREATED, pass.key());
    pass.next().setPhase(QperfPhase.Running).setReason("ClientRunning")
        .setMessage(what + "qperf client " + podName + " started");
    return Decision.waitFor(pass.untilDeadline(null));
  }

  private Optional<Duration> settling(RunPass pass) {
    QperfStatus next = pass.next();
    boolean throughProxy = pass.run().getSpec().effectiveServiceType() == ServiceType.ClusterIP;
    boolean retried = next.getClientRetries() != null && next.getClientRetries() > 0;
    if (!throughProxy && !retried) {
      return Optional.empty();
    }
    Instant until = Conditions.since(next.getConditions(), Conditions.SERVER_READY, "True")
        .map(since -> since.plus(PATH_SETTLE)).orElse(pass.now());
    return until.isAfter(pass.now()) ? Optional.of(Duration.between(pass.now(), until)) : Optional.empty();
  }

  private Decision watch(RunPass pass, Pod pod) {
    Optional<Problem> problem = PodProblems.of(pod, "Client", pass.now(), unschedulableGrace)
        .or(() -> pod.getSpec().getNodeName() == null ? Optional.empty()
            : NodeProblems.of(cluster.node(pod.getSpec().getNodeName()), "Client"));
    if (problem.isPresent()) {
      return Decision.fail(problem.get());
    }
    QperfStatus next = pass.next();
    if (next.getClientNode() == null) {
      next.setClientNode(pod.getSpec().getNodeName());
    }
    next.setPhase(QperfPhase.Running);
    return Decision.waitFor(pass.untilDeadline(null));
  }

  /**
   * A client that could not reach the server before measuring anything is started again, at most
   * {@link #MAX_PATH_RETRIES} times per run: the pod is deleted, and the next pass creates it anew.
   * A path that stays closed (a NetworkPolicy, say) still ends the run with qperf's message.
   */
  private Optional<Decision> retryWhenPathNotReady(RunPass pass, Pod pod) {
    QperfStatus next = pass.next();
    int retries = next.getClientRetries() == null ? 0 : next.getClientRetries();
    if (!"Failed".equals(pod.getStatus().getPhase()) || retries >= MAX_PATH_RETRIES) {
      return Optional.empty();
    }
    Optional<String> error = pathNotReady(pass.run(), pod);
    if (error.isEmpty()) {
      return Optional.empty();
    }
    String restart = "";
    if (PathNotReady.leavesServerWaiting(error.get())) {
      cluster.pods(pass.namespace(), QperfResources.serverSelector(pass.run())).forEach(cluster::delete);
      next.setConditions(Conditions.set(next.getConditions(), Conditions.SERVER_READY, false, "ServerRestarting",
          "restarting the qperf server: it waits for the failed client's test", pass.now().toString(),
          next.getObservedGeneration()));
      restart = " with a new server (qperf's server waits for the failed client's test)";
    }
    String message = "the client could not reach the server yet (" + error.get() + "); started it again" + restart
        + " (" + (retries + 1) + " of " + MAX_PATH_RETRIES + ")";
    next.setClientRetries(retries + 1).setReason("ServerNotReachedYet").setMessage(message);
    events.warning(pass.run(), "ServerNotReachedYet", message);
    cluster.delete(pod);
    return Optional.of(Decision.waitFor(DELETION_POLL));
  }

  /** qperf's error when a stream of the pod could not reach its server before measuring anything. */
  private Optional<String> pathNotReady(Qperf run, Pod pod) {
    for (String container : QperfResources.clientContainers(run)) {
      String log;
      try {
        log = StreamStart.read(cluster.clientLog(pod, container)).qperfOutput();
      } catch (KubernetesClientException e) {
        return Optional.empty();
      }
      ContainerStateTerminated terminated = ClientPodResult.terminated(pod, container);
      Optional<String> error = PathNotReady.of(QperfOutputParser.parse(log,
          terminated == null ? null : terminated.getExitCode()));
      if (error.isPresent()) {
        return error;
      }
    }
    return Optional.empty();
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The qperf server of a run: its Deployment and Service, created when absent, until it is ready. */
final class ServerStep {

  private static final Duration READINESS_POLL = Duration.ofSeconds(2);

  private final QperfCluster cluster;
  private final EventRecorder events;
  private final Step.Listener steps;
  private final Duration unschedulableGrace;

  ServerStep(QperfCluster cluster, EventRecorder events, Step.Listener steps, Duration unschedulableGrace) {
    this.cluster = cluster;
    this.events = events;
    this.steps = steps;
    this.unschedulableGrace = unschedulableGrace;
  }

  Decision advance(RunPass pass) {
    Qperf run = pass.run();
    Service service = cluster.service(pass.namespace(), pass.name());
    Deployment deployment = cluster.deployment(pass.namespace(), pass.name());
    Optional<Decision> conflict = NameConflicts.check(service, run).or(() -> NameConflicts.check(deployment, run));
    if (conflict.isPresent()) {
      return conflict.get();
    }
    boolean created = false;
    if (service == null) {
      created = cluster.createIfAbsent(QperfManifests.serverService(run));
    }
    if (deployment == null) {
      created |= cluster.createIfAbsent(QperfManifests.serverDeployment(run));
    }
    if (created) {
      events.normal(run, "ServerCreated", "created server Deployment and Service " + pass.name());
      steps.reached(Step.SERVER_CREATED, pass.key());
    }
    QperfStatus next = pass.next();
    if (next.getPhase() == QperfPhase.Pending) {
      next.setPhase(QperfPhase.Starting).setReason("WaitingForServer").setMessage("waiting for the qperf server");
    }
    List<Pod> pods = cluster.pods(pass.namespace(), QperfResources.serverSelector(run));
    if (deployment == null || !ready(pass, service, deployment, pods)) {
      return problem(pass, pods).map(Decision::fail)
          .orElseGet(() -> Decision.waitFor(pass.untilDeadline(READINESS_POLL)));
    }
    IpFamily asked = run.getSpec().ipFamily();
    IpFamily got = next.getIpFamily();
    return asked != null && got != null && asked != got ? Decision.fail(IpFamilies.ignored(asked, got))
        : Decision.proceed();
  }

  /** Ready, and then the family of the Service (the asked one, or the cluster's primary) is the run's. */
  private boolean ready(RunPass pass, Service service, Deployment deployment, List<Pod> pods) {
    Endpoints endpoints = cluster.endpoints(pass.namespace(), pass.name());
    boolean ready = ServerReadiness.available(deployment) && ServerReadiness.onlyLivePods(pods)
        && ServerReadiness.hasReadyAddress(endpoints);
    QperfStatus next = pass.next();
    if (ready && next.getServerNode() == null) {
      pods.stream().map(p -> p.getSpec().getNodeName()).filter(n -> n != null).findFirst().ifPresent(next::setServerNode);
    }
    if (ready && next.getIpFamily() == null) {
      next.setIpFamily(IpFamilies.of(service, endpoints));
    }
    if (ready) {
      next.setConditions(Conditions.set(next.getConditions(), Conditions.SERVER_READY, true, "ServerReady",
          "the qperf server listens", pass.now().toString(), next.getObservedGeneration()));
    }
    return ready;
  }

  private Optional<Problem> problem(RunPass pass, List<Pod> pods) {
    for (Pod pod : pods) {
      Optional<Problem> problem = PodProblems.of(pod, "Server", pass.now(), unschedulableGrace);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}

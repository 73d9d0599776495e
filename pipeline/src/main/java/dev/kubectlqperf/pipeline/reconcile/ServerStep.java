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
    Endpoints endpoints = deployment == null ? null : cluster.endpoints(pass.namespace(), pass.name());
    boolean ready = ServerReadiness.ready(deployment, pods, endpoints);
    if (!ready) {
      Optional<Problem> problem = problem(pass, pods);
      if (problem.isPresent()) {
        return Decision.fail(problem.get());
      }
      if (!ServerReadiness.firstClientMayStart(run.getSpec().effectiveServiceType(), next, pods, endpoints)) {
        return Decision.waitFor(pass.untilDeadline(READINESS_POLL));
      }
    }
    record(pass, service, endpoints, pods, ready);
    IpFamily asked = run.getSpec().ipFamily();
    IpFamily got = next.getIpFamily();
    return asked != null && got != null && asked != got ? Decision.fail(IpFamilies.ignored(asked, got))
        : Decision.proceed();
  }

  /** The server's node and the family of its Service (the asked one, or the cluster's primary) are the run's. */
  private static void record(RunPass pass, Service service, Endpoints endpoints, List<Pod> pods, boolean ready) {
    QperfStatus next = pass.next();
    if (next.getServerNode() == null) {
      pods.stream().map(p -> p.getSpec().getNodeName()).filter(n -> n != null).findFirst().ifPresent(next::setServerNode);
    }
    if (next.getIpFamily() == null) {
      next.setIpFamily(IpFamilies.of(service, endpoints));
    }
    if (ready) {
      next.setConditions(Conditions.set(next.getConditions(), Conditions.SERVER_READY, true, "ServerReady",
          "the qperf server listens", pass.now().toString(), next.getObservedGeneration()));
    }
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

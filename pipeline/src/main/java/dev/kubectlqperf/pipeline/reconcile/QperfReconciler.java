package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.result.ClientPodResult;
import dev.kubectlqperf.model.ImageSpec;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.model.validation.QperfValidator;
import dev.kubectlqperf.model.validation.ValidationResult;
import dev.kubectlqperf.pipeline.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Drives one Qperf from its current state to the next, level-based: every call looks at what
 * exists now and does the next idempotent step, so the pipeline may die between any two steps.
 *
 * <p>validate → server Deployment + Service → server ready → client Pod → client ended → results
 * into status → sinks → server deleted. Every failure ends Failed with a reason, and the server is
 * deleted on success, failure and timeout alike.
 */
public final class QperfReconciler {

  private final QperfCluster cluster;
  private final EventRecorder events;
  private final Clock clock;
  private final PipelineConfig config;
  private final Outbox outbox;
  private final Step.Listener steps;
  private final Cleanup cleanup;

  public QperfReconciler(QperfCluster cluster, EventRecorder events, Clock clock, PipelineConfig config,
      Outbox outbox, Step.Listener steps) {
    this.cluster = cluster;
    this.events = events;
    this.clock = clock;
    this.config = config;
    this.outbox = outbox;
    this.steps = steps;
    this.cleanup = new Cleanup(cluster, events);
  }

  /** Reconciles {@code namespace/name}; returns when to look again (null: on the next event). */
  public Duration reconcile(String namespace, String name) {
    Qperf qperf = cluster.qperf(namespace, name);
    if (qperf == null) {
      cleanup.orphansOf(namespace, name);
      return null;
    }
    if (qperf.getMetadata().getDeletionTimestamp() != null) {
      return null;
    }
    QperfStatus status = qperf.getStatus();
    if (status != null && (Boolean.TRUE.equals(status.getCompleted()) || isFinal(status))) {
      cleanup.server(qperf);
      outbox.resume(qperf);
      return null;
    }
    return new Run(withDefaults(qperf), clock.instant().truncatedTo(ChronoUnit.SECONDS)).advance();
  }

  private static boolean isFinal(QperfStatus status) {
    return status.getPhase() != null && status.getPhase().isFinal();
  }

  private Qperf withDefaults(Qperf qperf) {
    QperfSpec s = qperf.getSpec();
    if (s == null) {
      return qperf;
    }
    ImageSpec image = s.image() != null && s.image().name() != null && !s.image().name().isBlank() ? s.image()
        : new ImageSpec(config.defaultImage(), s.image() == null ? null : s.image().pullPolicy(),
            s.image() == null ? null : s.image().pullSecret());
    Long timeout = s.timeoutSeconds() != null ? s.timeoutSeconds() : config.defaultTimeoutSeconds();
    qperf.setSpec(new QperfSpec(image, s.options(), s.tests(), s.serverConfiguration(), s.clientConfiguration(),
        timeout, s.serviceType(), s.dataPort(), s.repetitions(), s.sinks(), s.thresholds()));
    return qperf;
  }

  /** One pass over one Qperf: the status as saved, the status being built, and the time. */
  private final class Run {
    private final Qperf qperf;
    private final String ns;
    private final String name;
    private final String key;
    private final Instant now;
    private QperfStatus saved;
    private final QperfStatus next;

    Run(Qperf qperf, Instant now) {
      this.qperf = qperf;
      this.ns = qperf.getMetadata().getNamespace();
      this.name = qperf.getMetadata().getName();
      this.key = ns + "/" + name;
      this.now = now;
      this.saved = qperf.getStatus();
      this.next = saved == null ? new QperfStatus() : saved.copy();
    }

    Duration advance() {
      if (next.getPhase() == null) {
        ValidationResult validation = QperfValidator.validate(qperf);
        if (!validation.isValid()) {
          return fail(new Problem("InvalidSpec", validation.message()));
        }
        next.setPhase(QperfPhase.Pending).setRunning(true).setCompleted(false).setStartTime(now.toString())
            .setObservedGeneration(qperf.getMetadata().getGeneration()).setReason("Accepted")
            .setMessage("tests: " + String.join(", ", qperf.getSpec().testsOrEmpty()));
        save();
        events.normal(qperf, "Accepted", "running qperf " + String.join(" ", qperf.getSpec().testsOrEmpty()));
        steps.reached(Step.ACCEPTED, key);
      }
      if (!deadline().isAfter(now)) {
        return timeout();
      }
      Optional<Service> service = ensureServer();
      if (service.isEmpty()) {
        return Duration.ofSeconds(1);
      }
      Qperf started = RunSpec.startedWith(qperf, service.get());
      if (!serverReady()) {
        return serverProblem().map(this::fail).orElseGet(() -> untilDeadline(Duration.ofSeconds(2)));
      }
      return client(started);
    }

    /** Server Deployment and Service, created if absent; stale ones of an earlier CR are removed first. */
    private Optional<Service> ensureServer() {
      Service service = cluster.service(ns, name);
      Deployment deployment = cluster.deployment(ns, name);
      boolean stale = isStale(service) | isStale(deployment);
      if (stale) {
        cleanup.server(qperf);
        return Optional.empty();
      }
      boolean created = false;
      if (service == null) {
        service = RunSpec.annotate(QperfManifests.serverService(qperf), qperf.getSpec());
        created = cluster.createIfAbsent(service);
      }
      if (deployment == null) {
        Qperf started = RunSpec.startedWith(qperf, service);
        created |= cluster.createIfAbsent(QperfManifests.serverDeployment(started));
      }
      if (created) {
        events.normal(qperf, "ServerCreated", "created server Deployment and Service " + name);
        steps.reached(Step.SERVER_CREATED, key);
      }
      if (next.getPhase() == QperfPhase.Pending) {
        next.setPhase(QperfPhase.Starting).setReason("WaitingForServer").setMessage("waiting for the qperf server");
        save();
      }
      return Optional.of(service);
    }

    private boolean isStale(HasMetadata object) {
      return object != null && object.getMetadata().getOwnerReferences().stream()
          .noneMatch(ref -> ref.getUid().equals(qperf.getMetadata().getUid()));
    }

    private boolean serverReady() {
      boolean ready = ServerReadiness.available(cluster.deployment(ns, name))
          && ServerReadiness.hasReadyAddress(cluster.endpoints(ns, name));
      if (ready && next.getServerNode() == null) {
        cluster.pods(ns, QperfResources.serverSelector(qperf)).stream()
            .map(p -> p.getSpec().getNodeName()).filter(n -> n != null).findFirst().ifPresent(next::setServerNode);
      }
      if (ready) {
        next.setConditions(Conditions.set(next.getConditions(), Conditions.SERVER_READY, true, "ServerReady",
            "the qperf server listens", now.toString(), next.getObservedGeneration()));
      }
      return ready;
    }

    private Optional<Problem> serverProblem() {
      for (Pod pod : cluster.pods(ns, QperfResources.serverSelector(qperf))) {
        Optional<Problem> problem = PodProblems.of(pod, "Server", now, config.unschedulableGrace());
        if (problem.isPresent()) {
          return problem;
        }
      }
      return Optional.empty();
    }

    /** Repetition after repetition: the first client pod that has not ended is the one to look after. */
    private Duration client(Qperf started) {
      int total = qperf.getSpec().effectiveRepetitions();
      List<Pod> pods = cluster.clientPods(qperf);
      for (int n = 1; n <= total; n++) {
        Pod pod = repetition(pods, n);
        if (pod == null) {
          return startClient(started, n, total);
        }
        if (!ClientPodResult.ended(pod)) {
          return watchClient(pod);
        }
      }
      return finish(pods.stream().filter(ClientPodResult::ended).toList());
    }

    private Pod repetition(List<Pod> pods, int n) {
      return pods.stream().filter(p -> QperfResources.repetitionOf(p) == n).findFirst().orElse(null);
    }

    private Duration startClient(Qperf started, int n, int total) {
      String podName = QperfResources.clientPodName(qperf, n);
      Pod stale = cluster.pod(ns, podName);
      if (stale != null && isStale(stale)) {
        cluster.deletePod(ns, podName);
        return Duration.ofSeconds(1);
      }
      cluster.createIfAbsent(QperfManifests.clientPod(started, n));
      if (n == 1 && started != qperf && !started.getSpec().equals(qperf.getSpec())) {
        events.warning(qperf, "SpecChangeIgnored", "the spec changed after the run started; the run keeps the spec "
            + "it started with (delete and re-create the Qperf to run the new one)");
      }
      String what = total == 1 ? "" : "repetition " + n + " of " + total + ": ";
      events.normal(qperf, "ClientStarted", what + "started client pod " + podName);
      steps.reached(Step.CLIENT_CREATED, key);
      next.setPhase(QperfPhase.Running).setReason("ClientRunning").setMessage(what + "qperf client " + podName + " started");
      save();
      return untilDeadline(null);
    }

    private Duration watchClient(Pod pod) {
      Optional<Problem> problem = PodProblems.of(pod, "Client", now, config.unschedulableGrace());
      if (problem.isPresent()) {
        return fail(problem.get());
      }
      if (next.getClientNode() == null) {
        next.setClientNode(pod.getSpec().getNodeName());
      }
      next.setPhase(QperfPhase.Running);
      save();
      return untilDeadline(null);
    }

    /** Every client ended: their logs become the result, the status records it, then sinks, then cleanup. */
    private Duration finish(List<Pod> ended) {
      Qperf run = qperf.withStatus(next);
      QperfResult result = ClientPodResult.ofRun(run, ended, cluster::clientLog, now, null);
      boolean ok = result.ok();
      String reason = ok ? "Completed" : ended.stream().anyMatch(RunResults::deadlineExceeded) ? "Timeout" : "QperfFailed";
      String message = ok ? RunResults.successMessage(result) : RunResults.failureMessage(result, ended);
      next.setClientNode(result.run().clientNode());
      record(result);
      end(ok ? QperfPhase.Completed : QperfPhase.Failed, reason, message);
      outbox.record(qperf, next, result);
      save();
      steps.reached(Step.RESULT_RECORDED, key);
      outbox.publish(qperf, result);
      steps.reached(Step.RESULT_PUBLISHED, key);
      cleanup.server(qperf);
      steps.reached(Step.SERVER_DELETED, key);
      if (ok) {
        events.normal(qperf, "Completed", next.getHeadline());
      } else {
        events.warning(qperf, reason, message);
      }
      verdictEvent(result);
      return null;
    }

    /** What the status shows of the result: headlines or statistics, and the verdict. */
    private void record(QperfResult result) {
      boolean repeated = qperf.getSpec().effectiveRepetitions() > 1;
      next.setResults(repeated ? null : RunResults.summaries(result))
          .setStatistics(RunResults.headlineStatistics(result))
          .setHeadline(repeated ? RunResults.statisticsHeadline(result) : RunResults.headline(result));
      Verdict verdict = result.verdict();
      if (verdict != null) {
        next.setVerdict(verdict.result()).setConditions(Conditions.set(next.getConditions(),
            Conditions.THRESHOLDS_MET, verdict.passed(), verdict.passed() ? "ThresholdsPassed" : "ThresholdsFailed",
            RunResults.verdictMessage(verdict), now.toString(), next.getObservedGeneration()));
      }
    }

    private void verdictEvent(QperfResult result) {
      Verdict verdict = result.verdict();
      if (verdict == null) {
        return;
      }
      if (verdict.passed()) {
        events.normal(qperf, "ThresholdsPassed", RunResults.verdictMessage(verdict));
      } else {
        events.warning(qperf, "ThresholdsFailed", RunResults.verdictMessage(verdict));
      }
    }

    private Duration timeout() {
      List<Pod> pods = cluster.clientPods(qperf);
      if (pods.size() == qperf.getSpec().effectiveRepetitions() && pods.stream().allMatch(ClientPodResult::ended)) {
        return finish(pods);
      }
      String waitingFor = pods.isEmpty() ? "the qperf server never became ready"
          : "the qperf client was still running" + (qperf.getSpec().effectiveRepetitions() == 1 ? ""
              : " (" + pods.stream().filter(ClientPodResult::ended).count() + " of "
                  + qperf.getSpec().effectiveRepetitions() + " repetitions ended)");
      return fail(new Problem("Timeout", "the run did not finish within " + qperf.getSpec().effectiveTimeoutSeconds()
          + " s: " + waitingFor));
    }

    private Duration fail(Problem problem) {
      end(QperfPhase.Failed, problem.reason(), problem.message());
      QperfResult result = outbox.derive(qperf.withStatus(next), problem.reason() + ": " + problem.message());
      record(result);
      outbox.record(qperf, next, result);
      save();
      steps.reached(Step.RESULT_RECORDED, key);
      outbox.publish(qperf, result);
      cleanup.server(qperf);
      cleanup.runningClients(qperf);
      steps.reached(Step.SERVER_DELETED, key);
      events.warning(qperf, problem.reason(), problem.message());
      verdictEvent(result);
      return null;
    }

    private void end(QperfPhase phase, String reason, String message) {
      boolean ok = phase == QperfPhase.Completed;
      next.setPhase(phase).setReason(reason).setMessage(message).setRunning(false).setCompleted(true)
          .setCompletionTime(now.toString())
          .setConditions(Conditions.set(next.getConditions(), Conditions.SUCCEEDED, ok, reason, message,
              now.toString(), next.getObservedGeneration()));
    }

    private Instant deadline() {
      Instant start = next.getStartTime() == null ? now : Instant.parse(next.getStartTime());
      return start.plusSeconds(qperf.getSpec().effectiveTimeoutSeconds());
    }

    /** Look again at the deadline, or sooner when polling for something no event announces. */
    private Duration untilDeadline(Duration poll) {
      Duration left = Duration.between(now, deadline()).plusMillis(100);
      return poll != null && poll.compareTo(left) < 0 ? poll : left;
    }

    private void save() {
      if (!next.equals(saved)) {
        cluster.replaceStatus(ns, name, qperf.getMetadata().getUid(), next);
        saved = next.copy();
        qperf.setStatus(saved);
      }
    }
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.validation.QperfValidator;
import dev.kubectlqperf.model.validation.ValidationResult;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Drives one Qperf from its current state to the next, level-based: every call looks at what
 * exists now and does the next idempotent step, so the pipeline may die between any two steps.
 *
 * <p>validate and freeze the spec → {@link ServerStep} → {@link ClientStep}, repetition after
 * repetition → {@link RunEnding}: results into status, sinks, server deleted, on success, failure
 * and timeout alike. Each pass writes the status once.
 */
public final class QperfReconciler {

  static final String SPEC_CHANGE_IGNORED = "SpecChangeIgnored";

  private final QperfCluster cluster;
  private final EventRecorder events;
  private final Clock clock;
  private final PipelineConfig config;
  private final Outbox outbox;
  private final Step.Listener steps;
  private final Cleanup cleanup;
  private final StatusWriter writer;
  private final ServerStep server;
  private final ClientStep client;
  private final RunEnding ending;

  public QperfReconciler(QperfCluster cluster, EventRecorder events, Clock clock, PipelineConfig config,
      Outbox outbox, Step.Listener steps) {
    this.cluster = cluster;
    this.events = events;
    this.clock = clock;
    this.config = config;
    this.outbox = outbox;
    this.steps = steps;
    this.cleanup = new Cleanup(cluster, events);
    this.writer = new StatusWriter(cluster);
    this.server = new ServerStep(cluster, events, steps, config.unschedulableGrace());
    this.client = new ClientStep(cluster, events, steps, config.unschedulableGrace());
    this.ending = new RunEnding(cluster, events, steps, outbox, new ClientLogs(cluster, config.logRetryWindow()),
        writer, cleanup);
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
    if (ended(qperf.getStatus())) {
      Qperf run = qperf.asRun();
      cleanup.server(run);
      return outbox.resume(run);
    }
    QperfSpec spec = qperf.getSpec();
    QperfSpec unfrozen = spec == null ? null : spec.withDefaults(config.defaultImage(), config.defaultTimeoutSeconds());
    return advance(new RunPass(qperf, clock.instant().truncatedTo(ChronoUnit.SECONDS), unfrozen));
  }

  private static boolean ended(QperfStatus status) {
    return status != null && (Boolean.TRUE.equals(status.getCompleted())
        || status.getPhase() != null && status.getPhase().isFinal());
  }

  private Duration advance(RunPass pass) {
    if (pass.next().getPhase() == null) {
      ValidationResult validation = QperfValidator.validate(pass.stored());
      if (!validation.isValid()) {
        return ending.end(pass, new Problem("InvalidSpec", validation.message()));
      }
      Optional<Problem> family = unofferedFamily(pass.run());
      if (family.isPresent()) {
        return ending.end(pass, family.get());
      }
      accept(pass);
    } else {
      noticeSpecChange(pass);
    }
    if (!pass.deadline().isAfter(pass.now())) {
      return ending.atDeadline(pass);
    }
    Decision decision = server.advance(pass);
    if (decision.proceeds()) {
      decision = client.advance(pass);
    }
    if (decision.fails()) {
      return ending.end(pass, decision.problem());
    }
    if (decision.proceeds()) {
      return ending.end(pass, null);
    }
    return writer.write(pass) ? decision.after() : null;
  }

  /**
   * A family the cluster does not offer ends the run before anything is created: the API server
   * is asked, by a dry run of the run's Service, whether it would give the Service that family. An
   * API server without dual-stack support accepts any and ignores it: {@link ServerStep} checks the
   * family the server's address has.
   */
  private Optional<Problem> unofferedFamily(Qperf run) {
    IpFamily family = run.getSpec().ipFamily();
    if (family == null) {
      return Optional.empty();
    }
    return cluster.refusedIpFamilies(QperfManifests.serverService(run))
        .map(refusal -> IpFamilies.refused(family, refusal));
  }

  /** The run starts: its spec, defaults filled in, is frozen in the status for the whole run. */
  private void accept(RunPass pass) {
    Qperf stored = pass.stored();
    String tests = String.join(", ", stored.getSpec().testsOrEmpty());
    pass.next().setPhase(QperfPhase.Pending).setRunning(true).setCompleted(false)
        .setStartTime(pass.now().toString()).setObservedGeneration(stored.getMetadata().getGeneration())
        .setReason("Accepted").setMessage("tests: " + tests).setRunSpec(pass.specToFreeze());
    events.normal(stored, "Accepted", "running qperf " + String.join(" ", stored.getSpec().testsOrEmpty()));
    steps.reached(Step.ACCEPTED, pass.key());
  }

  /** An edit of a running Qperf changes nothing of its run; a condition and an event say so, once per edit. */
  private void noticeSpecChange(RunPass pass) {
    Long generation = pass.stored().getMetadata().getGeneration();
    QperfStatus next = pass.next();
    Long started = next.getObservedGeneration();
    if (generation == null || started == null || generation <= started || noticed(next, generation)) {
      return;
    }
    String message = "the spec changed (generation " + generation + ") after the run started with generation "
        + started + "; the run keeps the spec it started with (delete and re-create the Qperf to run the new one)";
    next.setConditions(Conditions.set(next.getConditions(), SPEC_CHANGE_IGNORED, true, SPEC_CHANGE_IGNORED, message,
        pass.now().toString(), generation));
    events.warning(pass.stored(), SPEC_CHANGE_IGNORED, message);
  }

  private static boolean noticed(QperfStatus status, long generation) {
    return status.getConditions() != null && status.getConditions().stream()
        .filter(c -> SPEC_CHANGE_IGNORED.equals(c.getType())).map(Condition::getObservedGeneration)
        .anyMatch(g -> g != null && g == generation);
  }
}

package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.matrix.MatrixPlan;
import dev.kubectlqperf.model.matrix.MatrixPlanner;
import dev.kubectlqperf.model.matrix.MatrixProgress;
import dev.kubectlqperf.model.matrix.MatrixValidator;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.NodeSelection;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one QperfMatrix; everything is read from the cluster, so a restarted pipeline
 * carries on where the last one stopped. The first pass validates and freezes the run spec and the
 * selected nodes into the status (phase Pending) and creates nothing: the plan is rebuilt from
 * those on every later pass, so a restart re-plans identically even if the cluster's nodes changed.
 * Later passes create the current round's missing children (see {@link MatrixPass}). The status is
 * written once per pass, and not at all when nothing changed.
 */
public final class MatrixReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MatrixReconciler.class);
  private final QperfCluster cluster;
  private final PipelineConfig config;
  private final Clock clock;
  private final MatrixNotice notice;

  MatrixReconciler(QperfCluster cluster, PipelineConfig config, Clock clock, MatrixNotice notice) {
    this.cluster = cluster;
    this.config = config;
    this.clock = clock;
    this.notice = notice;
  }

  /** @return when to look again (events of the matrix and its children come sooner), or null */
  public Duration reconcile(String namespace, String name) {
    QperfMatrix matrix = cluster.matrix(namespace, name);
    if (matrix == null || matrix.getMetadata().getDeletionTimestamp() != null) {
      return null; // its children go with it, through their owner reference
    }
    QperfMatrixStatus saved = matrix.getStatus();
    if (saved != null && saved.getPhase() != null && saved.getPhase().isFinal()) {
      return notice.deliver(matrix); // after a restart, or a retry: a message still Pending
    }
    QperfMatrixStatus next = saved == null ? new QperfMatrixStatus() : saved.copy();
    next.setObservedGeneration(matrix.getMetadata().getGeneration());
    Duration again = saved == null || saved.getNodes() == null ? freeze(matrix, next) : advance(matrix, next);
    boolean ending = next.getPhase() != null && next.getPhase().isFinal();
    if (ending) {
      next.setConditions(List.of(succeeded(next)));
      notice.record(next);
    }
    if (!next.equals(saved)) {
      if (!write(matrix, next)) {
        return null;
      }
      if (ending) {
        matrix.setStatus(next);
        return notice.deliver(matrix);
      }
    }
    return again;
  }

  /**
   * False when the matrix is gone or was re-created meanwhile (the new one has events of its own).
   * A status the API server refuses for this very matrix ends it as StatusRefused rather than
   * leaving it to retry forever.
   */
  private boolean write(QperfMatrix matrix, QperfMatrixStatus next) {
    String uid = matrix.getMetadata().getUid();
    try {
      cluster.replaceMatrixStatus(matrix.getMetadata().getNamespace(), matrix.getMetadata().getName(), uid, next);
      return true;
    } catch (KubernetesClientException e) {
      QperfMatrix now = e.getCode() == 422 ? cluster.matrix(matrix.getMetadata().getNamespace(),
          matrix.getMetadata().getName()) : null;
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND || e.getCode() == 422
          && (now == null || !uid.equals(now.getMetadata().getUid()))) {
        LOG.info("QperfMatrix {}: not written, deleted or re-created meanwhile", key(matrix));
        return false;
      }
      if (e.getCode() != 422) {
        throw e;
      }
      LOG.error("QperfMatrix {}: the API server refused its status ({}); ending it as StatusRefused", key(matrix),
          e.getMessage());
      String message = "the API server refused this matrix's status: " + e.getMessage();
      QperfMatrixStatus refused = new QperfMatrixStatus().setPhase(QperfPhase.Failed).setReason("StatusRefused")
          .setMessage(message.length() > 1024 ? message.substring(0, 1024) + "…" : message)
          .setStartTime(next.getStartTime()).setCompletionTime(clock.instant().toString())
          .setRunSpec(next.getRunSpec()).setNodes(next.getNodes()).setProgress(next.getProgress());
      cluster.replaceMatrixStatus(matrix.getMetadata().getNamespace(), matrix.getMetadata().getName(), uid, refused);
      return false;
    }
  }

  /** Validates, then freezes the run spec and the nodes; the next pass starts the first round. */
  private Duration freeze(QperfMatrix matrix, QperfMatrixStatus next) {
    List<String> errors = MatrixValidator.validate(matrix).errors();
    if (!errors.isEmpty()) {
      return fail(matrix, next, "Invalid", String.join("; ", errors));
    }
    Optional<String> family = unofferedFamily(matrix);
    if (family.isPresent()) {
      return fail(matrix, next, "IpFamilyNotOffered", family.get());
    }
    next.setRunSpec(matrix.getSpec().withDefaults(config.defaultImage(), config.defaultTimeoutSeconds()));
    try {
      next.setNodes(NodeSelection.select(cluster.nodes(), next.getRunSpec()));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return fail(matrix, next, "NodesForbidden", "the pipeline may not list the cluster's nodes (cluster-scoped): "
          + "grant it get/list/watch on nodes through a ClusterRole, or deploy it cluster-wide");
    }
    MatrixPlan plan = plan(matrix, next);
    if (plan == null) {
      return null;
    }
    next.setPhase(QperfPhase.Pending).setProgress(MatrixProgress.of(plan, List.of(), 0))
        .setMessage(plan.nodes().size() + " nodes, " + plan.pairCount() + " pair runs in " + plan.roundCount()
            + " rounds");
    LOG.info("QperfMatrix {}: {}", key(matrix), next.getMessage());
    return Duration.ZERO;
  }

  private Duration advance(QperfMatrix matrix, QperfMatrixStatus next) {
    MatrixPlan plan = plan(matrix, next);
    if (plan == null) {
      return null;
    }
    MatrixPass.Decision decision = MatrixPass.decide(matrix, plan, cluster.matrixChildren(matrix), next, clock.instant());
    for (var child : decision.toCreate()) {
      if (cluster.createIfAbsent(child)) {
        LOG.info("QperfMatrix {}: created {}", key(matrix), child.getMetadata().getName());
      }
    }
    return decision.completed() ? null : config.resync();
  }

  /**
   * Every pair would fail on a family the cluster does not offer: the API server is asked once, by
   * a dry run of a Service of the template's family, before any child exists (the children check
   * too, which also covers an API server that ignores the family).
   */
  private Optional<String> unofferedFamily(QperfMatrix matrix) {
    IpFamily family = matrix.getSpec().template().ipFamily();
    if (family == null) {
      return Optional.empty();
    }
    Qperf probe = new Qperf();
    probe.setMetadata(new ObjectMetaBuilder().withNamespace(matrix.getMetadata().getNamespace())
        .withName(matrix.getMetadata().getName()).build());
    probe.setSpec(matrix.getSpec().template());
    return cluster.refusedIpFamilies(QperfManifests.serverService(probe)).map(refusal -> "spec.template.ipFamily "
        + family + " is not offered by this cluster (the API server refuses a Service of it: " + refusal
        + "); leave ipFamily out for the cluster's primary family");
  }

  /** The plan of the frozen inputs; null (and the matrix failed) when they make none. */
  private MatrixPlan plan(QperfMatrix matrix, QperfMatrixStatus next) {
    MatrixPlan plan;
    try {
      plan = MatrixPlanner.plan(next.getNodes(), next.getRunSpec());
    } catch (IllegalArgumentException e) {
      fail(matrix, next, "PlanRefused", e.getMessage());
      return null;
    }
    String noPairs = MatrixValidator.noPairs(plan);
    if (noPairs != null) {
      fail(matrix, next, "NoPairs", noPairs);
      return null;
    }
    return plan;
  }

  private Duration fail(QperfMatrix matrix, QperfMatrixStatus next, String reason, String message) {
    LOG.warn("QperfMatrix {}: failed ({}): {}", key(matrix), reason, message);
    String now = clock.instant().toString();
    next.setPhase(QperfPhase.Failed).setReason(reason).setMessage(message).setCompletionTime(now);
    if (next.getStartTime() == null) {
      next.setStartTime(now);
    }
    return null;
  }

  /**
   * Like a Qperf's: True when every pair ran and the verdict is not Failed. Set once, as the matrix
   * ends (an ended matrix is not reconciled again), so its transition time is the end.
   */
  private static Condition succeeded(QperfMatrixStatus status) {
    boolean ok = status.getPhase() == QperfPhase.Completed && status.getVerdict() != MatrixVerdict.Failed;
    String reason = status.getPhase() == QperfPhase.Failed ? status.getReason()
        : "Verdict" + (status.getVerdict() == null ? MatrixVerdict.Passed : status.getVerdict());
    String message = status.getMessage() != null ? status.getMessage() : "every pair run ended";
    return new ConditionBuilder().withType("Succeeded").withStatus(ok ? "True" : "False").withReason(reason)
        .withMessage(message).withLastTransitionTime(status.getCompletionTime())
        .withObservedGeneration(status.getObservedGeneration()).build();
  }

  private static String key(QperfMatrix matrix) {
    return matrix.getMetadata().getNamespace() + "/" + matrix.getMetadata().getName();
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status a pass built, once, and only onto the run it was built for (the patch tests the
 * uid). A status the API server refuses (422) must not leave a run stuck: the refusal is logged
 * once, and a smaller status that still ends the run is written instead.
 */
final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final int MAX_MESSAGE = 1024;

  private final QperfCluster cluster;

  StatusWriter(QperfCluster cluster) {
    this.cluster = cluster;
  }

  /** True when the status is written (or had nothing new); false when the run is gone or re-created. */
  boolean write(RunPass pass) {
    QperfStatus next = pass.next();
    if (next.equals(pass.saved())) {
      return true;
    }
    Qperf stored = pass.stored();
    String uid = stored.getMetadata().getUid();
    try {
      cluster.replaceStatus(pass.namespace(), pass.name(), uid, next);
      return true;
    } catch (KubernetesClientException e) {
      if (!isThisRun(pass, e)) {
        return false;
      }
      LOG.error("Qperf {}: the API server refused its status ({}); writing a reduced status instead",
          pass.key(), e.getMessage());
      return writeReduced(pass, reduced(next), e);
    }
  }

  /** A refusal for this run, rather than a run that is gone or was re-created under the same name. */
  private boolean isThisRun(RunPass pass, KubernetesClientException e) {
    if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
      return false;
    }
    if (e.getCode() != 422) {
      throw e;
    }
    Qperf now = cluster.qperf(pass.namespace(), pass.name());
    boolean same = now != null && now.getMetadata().getUid().equals(pass.stored().getMetadata().getUid());
    if (!same) {
      LOG.info("Qperf {}: not written, the run was deleted or re-created meanwhile", pass.key());
    }
    return same;
  }

  private boolean writeReduced(RunPass pass, QperfStatus reduced, KubernetesClientException cause) {
    String uid = pass.stored().getMetadata().getUid();
    try {
      cluster.replaceStatus(pass.namespace(), pass.name(), uid, reduced);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422) {
        throw e;
      }
      QperfStatus last = new QperfStatus().setPhase(QperfPhase.Failed).setRunning(false).setCompleted(true)
          .setStartTime(reduced.getStartTime()).setCompletionTime(reduced.getCompletionTime())
          .setReason("StatusRefused")
          .setMessage(cut("the API server refused this run's status: " + cause.getMessage()));
      LOG.error("Qperf {}: the reduced status was refused too ({}); ending the run as StatusRefused", pass.key(),
          e.getMessage());
      cluster.replaceStatus(pass.namespace(), pass.name(), uid, last);
      return true;
    }
  }

  /** The fields that say where the run is and how it ended; no results, statistics or conditions. */
  private static QperfStatus reduced(QperfStatus s) {
    return new QperfStatus().setPhase(s.getPhase()).setRunning(s.getRunning()).setCompleted(s.getCompleted())
        .setObservedGeneration(s.getObservedGeneration()).setStartTime(s.getStartTime())
        .setCompletionTime(s.getCompletionTime()).setServerNode(s.getServerNode()).setClientNode(s.getClientNode())
        .setReason(s.getReason()).setMessage(cut(s.getMessage())).setSinks(s.getSinks())
        .setRunSpec(s.getRunSpec()).setClientRetries(s.getClientRetries());
  }

  private static String cut(String message) {
    return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}

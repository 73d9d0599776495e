package dev.kubectlqperf.plugin.diagnosis;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether a pipeline runs and leads, and whether it watches the run's namespace. In-cluster, the
 * leader renews a Lease (fresh: renewed within its duration) and its settings are the ConfigMap of
 * the same name; a local pipeline (install.sh's default) holds no Lease and records its settings
 * in install.sh's state directory.
 */
public final class PipelineCheck {

  /** Where deploy/ runs the pipeline: its namespace, its Lease and its ConfigMap. */
  public record InCluster(String namespace, String name, Fetched<Lease> lease, Fetched<ConfigMap> config) {}

  private PipelineCheck() {}

  /** Whether the Lease was renewed within its duration: its holder leads. */
  public static boolean fresh(Lease lease, Instant now) {
    if (lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
      return false;
    }
    int seconds = lease.getSpec().getLeaseDurationSeconds() == null ? 15 : lease.getSpec().getLeaseDurationSeconds();
    return !lease.getSpec().getRenewTime().toInstant().plusSeconds(seconds).isBefore(now);
  }

  public static Finding running(InCluster cluster, LocalPipeline local, String kubeconfig, Instant now) {
    String where = cluster.namespace() + "/" + cluster.name();
    Lease lease = cluster.lease().value();
    if (lease != null && lease.getSpec() != null && lease.getSpec().getRenewTime() != null) {
      Instant renewed = lease.getSpec().getRenewTime().toInstant();
      int seconds = lease.getSpec().getLeaseDurationSeconds() == null ? 15 : lease.getSpec().getLeaseDurationSeconds();
      String holder = lease.getSpec().getHolderIdentity();
      long ago = Math.max(0, Duration.between(renewed, now).toSeconds());
      if (fresh(lease, now)) {
        return Finding.pass("pipeline", "leading: " + holder + " holds Lease " + where + ", renewed " + ago + "s ago");
      }
      if (local == null) {
        return Finding.fail("pipeline", "Lease " + where + " is stale: " + holder + " renewed it " + ago
            + "s ago (duration " + seconds + "s); no pipeline leads", "kubectl -n " + cluster.namespace()
            + " get pods; kubectl -n " + cluster.namespace() + " logs deploy/" + cluster.name());
      }
    }
    if (local != null) {
      if (!Objects.equals(local.kubeconfig(), kubeconfig)) {
        return Finding.warn("pipeline", "a local pipeline runs (pid " + local.pid() + ") for KUBECONFIG='"
            + local.kubeconfig() + "', not this one ('" + kubeconfig + "')", "./install.sh with this KUBECONFIG");
      }
      return Finding.pass("pipeline", "local pipeline (pid " + local.pid() + ", started by install.sh)");
    }
    if (!cluster.lease().ok()) {
      return Finding.unreadable("pipeline", "Lease " + where + " (and no local pipeline runs)", cluster.lease().error(),
          "kubectl -n " + cluster.namespace() + " get lease " + cluster.name() + " (as a user who may), or "
              + "--pipeline-namespace if the pipeline runs elsewhere");
    }
    return Finding.fail("pipeline", "no pipeline: no fresh Lease " + where + " and no local pipeline",
        "./install.sh (a local pipeline) or ./install.sh --in-cluster");
  }

  /** Which namespaces the running pipeline watches, against the run's. */
  public static Finding watches(InCluster cluster, LocalPipeline local, String namespace, boolean inClusterLeads) {
    String watched;
    String fix;
    if (inClusterLeads) {
      if (!cluster.config().ok() || cluster.config().value() == null) {
        String why = cluster.config().ok() ? "it does not exist" : cluster.config().error();
        return Finding.unreadable("pipeline namespaces", "ConfigMap " + cluster.namespace() + "/" + cluster.name(), why,
            "kubectl -n " + cluster.namespace() + " get configmap " + cluster.name() + " -o yaml (QPERF_NAMESPACES)");
      }
      var data = cluster.config().value().getData();
      watched = data == null ? "" : data.getOrDefault("QPERF_NAMESPACES", "");
      fix = "add " + namespace + " to QPERF_NAMESPACES in configmap/" + cluster.name() + " -n " + cluster.namespace()
          + " (and the pipeline's Role there), or run in " + watched;
    } else if (local != null) {
      watched = local.namespaces();
      fix = "./install.sh --namespaces " + namespace + " (restarts the local pipeline), or run in " + watched;
    } else {
      return Finding.warn("pipeline namespaces", "no pipeline to ask", "");
    }
    String trimmed = watched == null ? "" : watched.strip();
    if (trimmed.isEmpty() || trimmed.equals("*")) {
      return Finding.pass("pipeline namespaces", "watches every namespace");
    }
    boolean listed = Arrays.stream(trimmed.split(",")).map(String::strip).anyMatch(namespace::equals);
    return listed ? Finding.pass("pipeline namespaces", "watches " + trimmed)
        : Finding.fail("pipeline namespaces", "watches " + trimmed + ", not " + namespace, fix);
  }
}

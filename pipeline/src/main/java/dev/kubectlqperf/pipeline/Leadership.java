package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the holder of a Lease acts, so two replicas never reconcile the same run. fabric8's
 * elector rather than camel-kubernetes' cluster service (which would take the same injected client):
 * that service closes the client when it stops, elects only a Running, Ready pod that matches its
 * labels (not a pipeline run locally or in a test), and waits a full lease before it takes over.
 *
 * <p>A holder that cannot renew stops leading after {@link #RENEW_DEADLINE}; another replica takes
 * the lease only once {@link #LEASE_DURATION} has passed since the last renewal it saw. What lies
 * between, {@link #HAND_OVER}, is the time a replica that stopped leading has to stop acting. The
 * elector never stands again once it stopped leading: {@code onStop} runs when it ends, however it
 * ends, and the process is meant to exit and be restarted.
 */
final class Leadership implements AutoCloseable {

  static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(1);
  static final Duration HAND_OVER = LEASE_DURATION.minus(RENEW_DEADLINE).minus(RETRY_PERIOD);
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private final QperfCluster cluster;
  private final PipelineConfig config;
  private final Runnable onStart;
  private final Runnable onStop;
  private CompletableFuture<?> election;
  private volatile boolean closed;

  Leadership(QperfCluster cluster, PipelineConfig config, Runnable onStart, Runnable onStop) {
    this.cluster = cluster;
    this.config = config;
    this.onStart = onStart;
    this.onStop = onStop;
  }

  void start() {
    if (!config.leaderElection()) {
      onStart.run();
      return;
    }
    election = cluster.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(config.leaseName())
            .withLock(new LeaseLock(config.leaseNamespace(), config.leaseName(), config.identity()))
            .withLeaseDuration(LEASE_DURATION)
            .withRenewDeadline(RENEW_DEADLINE)
            .withRetryPeriod(RETRY_PERIOD)
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(
                () -> {
                  LOG.info("{} leads (lease {}/{})", config.identity(), config.leaseNamespace(), config.leaseName());
                  onStart.run();
                },
                () -> {
                  LOG.info("{} stopped leading", config.identity());
                  onStop.run();
                },
                leader -> LOG.info("leader is {}", leader)))
            .build())
        .build()
        .start();
    election.whenComplete((ignored, failure) -> {
      if (!closed) {
        LOG.warn("{}: leader election ended{}", config.identity(), failure == null ? "" : ": " + failure);
        onStop.run();
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    if (election != null) {
      election.cancel(true);
    } else {
      onStop.run();
    }
  }
}

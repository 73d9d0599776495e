package dev.kubectlqperf.pipeline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the holder of a Lease acts, so two replicas never reconcile the same run. fabric8's
 * elector rather than camel-kubernetes' cluster service: the latter builds its own client from a
 * master URL, while this one uses the client the rest of the pipeline uses (and tests inject).
 */
final class Leadership implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private final KubernetesClient client;
  private final PipelineConfig config;
  private final Runnable onStart;
  private final Runnable onStop;
  private CompletableFuture<?> election;

  Leadership(KubernetesClient client, PipelineConfig config, Runnable onStart, Runnable onStop) {
    this.client = client;
    this.config = config;
    this.onStart = onStart;
    this.onStop = onStop;
  }

  void start() {
    if (!config.leaderElection()) {
      onStart.run();
      return;
    }
    election = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(config.leaseName())
            .withLock(new LeaseLock(config.leaseNamespace(), config.leaseName(), config.identity()))
            .withLeaseDuration(Duration.ofSeconds(15))
            .withRenewDeadline(Duration.ofSeconds(10))
            .withRetryPeriod(Duration.ofSeconds(1))
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
  }

  @Override
  public void close() {
    if (election != null) {
      election.cancel(true);
    } else {
      onStop.run();
    }
  }
}

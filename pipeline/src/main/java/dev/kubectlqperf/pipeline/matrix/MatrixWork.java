package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.work.WorkQueue;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * The matrix side of the pipeline: its own event source and work queue in front of the
 * {@link MatrixReconciler}, started and stopped with the Qperf work (so only the leader runs it).
 * A queue of its own keeps matrix keys apart from Qperf keys of the same name. The handler calls
 * the reconciler directly rather than through a Camel route: a matrix pass publishes nothing, and
 * the queue owns retries and backoff either way.
 */
public final class MatrixWork implements AutoCloseable {

  private final QperfCluster cluster;
  private final PipelineConfig config;
  private final Clock clock;
  private MatrixReconciler reconciler;
  private WorkQueue queue;
  private MatrixEventSource source;

  private HttpClient http;

  public MatrixWork(QperfCluster cluster, PipelineConfig config, Clock clock) {
    this.cluster = cluster;
    this.config = config;
    this.clock = clock;
  }

  /** A Slack client of its own for the matrices' messages, made per term of leadership and closed with it. */
  public synchronized void start() {
    SinkConfig sinks = config.sinks();
    http = sinks.enabled().contains(Sink.SLACK)
        ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build() : null;
    SlackWebhook webhook = http == null ? null : new SlackWebhook(http, sinks.slackWebhookUrl());
    reconciler = new MatrixReconciler(cluster, config, clock,
        new MatrixNotice(cluster, sinks, webhook == null ? null : webhook::post, clock));
    queue = new WorkQueue(Math.max(1, config.parallelism() / 2), this::reconcile);
    source = new MatrixEventSource(cluster, config, queue::add);
    queue.start();
    source.start();
  }

  private Duration reconcile(String key) {
    int slash = key.indexOf('/');
    MDC.put("qperfmatrix", key);
    try {
      return reconciler.reconcile(key.substring(0, slash), key.substring(slash + 1));
    } finally {
      MDC.remove("qperfmatrix");
    }
  }

  @Override
  public synchronized void close() {
    if (source != null) {
      source.close();
    }
    if (queue != null) {
      queue.close();
    }
    if (http != null) {
      http.close();
      http = null;
    }
  }
}

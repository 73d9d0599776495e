package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.work.KindWork;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The matrix side of the pipeline: the {@link MatrixEventSource} and a work queue in front of the
 * {@link MatrixReconciler}.
 */
public final class MatrixWork extends KindWork {

  public MatrixWork(QperfCluster cluster, PipelineConfig config, Clock clock) {
    super("qperfmatrix", Math.max(1, config.parallelism() / 2), () -> term(cluster, config, clock),
        keys -> new MatrixEventSource(cluster, config, keys));
  }

  /** A Slack client of its own for the matrices' messages, made per term of leadership and closed with it. */
  private static Term term(QperfCluster cluster, PipelineConfig config, Clock clock) {
    SinkConfig sinks = config.sinks();
    HttpClient http = sinks.enabled().contains(Sink.SLACK)
        ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build() : null;
    SlackWebhook webhook = http == null ? null : new SlackWebhook(http, sinks.slackWebhookUrl());
    MatrixReconciler reconciler = new MatrixReconciler(cluster, config, clock,
        new MatrixNotice(cluster, sinks, webhook == null ? null : webhook::post, clock));
    return new Term() {
      @Override
      public Duration reconcile(String namespace, String name) {
        return reconciler.reconcile(namespace, name);
      }

      @Override
      public void close() {
        if (http != null) {
          http.close();
        }
      }
    };
  }
}

package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.sink.TrendMessage;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Posts a schedule's regressed trend to the Slack sink's webhook, when the Slack sink is on. The
 * schedule's status is its outbox: {@code trendNotification: Pending} is written with the new
 * verdict, and the next pass posts and records {@code Sent}, so a restart in between still posts.
 */
public final class TrendNotifier implements AutoCloseable {

  private final HttpClient http;
  private final SlackWebhook webhook;
  private final String channel;

  public TrendNotifier(SinkConfig sinks) {
    if (sinks.enabled().contains(Sink.SLACK)) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      webhook = new SlackWebhook(http, sinks.slackWebhookUrl());
      channel = sinks.slackChannel();
    } else {
      http = null;
      webhook = null;
      channel = null;
    }
  }

  public boolean configured() {
    return webhook != null;
  }

  public void post(QperfSchedule schedule, Trend trend) throws SinkRefusal, InterruptedException {
    webhook.post(TrendMessage.payload(schedule.getMetadata().getNamespace(), schedule.getMetadata().getName(), trend,
        channel));
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}

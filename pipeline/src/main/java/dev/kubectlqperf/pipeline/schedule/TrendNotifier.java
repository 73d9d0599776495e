package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.sink.InfluxLineWriter;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.sink.TrendMessage;
import dev.kubectlqperf.pipeline.sink.TrendPoint;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends a schedule's regressed trend to the sinks that are on: a point in InfluxDB (measurement
 * {@code qperf_trend}, tagged with the verdict and the metric) and a Slack message. The schedule's
 * status is its outbox: {@code trendNotification: Pending} is written with the new verdict, and the
 * next pass sends and records {@code Sent}, so a restart in between still sends. The point goes
 * first: written twice it is the same point, while a second Slack message would be a duplicate.
 */
public final class TrendNotifier implements AutoCloseable {

  private final HttpClient http;
  private final SlackWebhook webhook;
  private final String channel;
  private final InfluxLineWriter influx;
  private final Clock clock;

  public TrendNotifier(SinkConfig sinks, Clock clock) {
    this.clock = clock;
    boolean slack = sinks.enabled().contains(Sink.SLACK);
    boolean influxdb = sinks.enabled().contains(Sink.INFLUXDB);
    http = slack || influxdb ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build() : null;
    webhook = slack ? new SlackWebhook(http, sinks.slackWebhookUrl()) : null;
    channel = slack ? sinks.slackChannel() : null;
    influx = influxdb ? new InfluxLineWriter(http, sinks.influxUrl(), sinks.influxDatabase(),
        sinks.influxRetentionPolicy(), sinks.influxUsername(), sinks.influxPassword()) : null;
  }

  public boolean configured() {
    return webhook != null || influx != null;
  }

  public void post(QperfSchedule schedule, Trend trend) throws SinkRefusal, InterruptedException {
    String namespace = schedule.getMetadata().getNamespace();
    String name = schedule.getMetadata().getName();
    if (influx != null) {
      influx.write(TrendPoint.line(namespace, name, trend, clock.instant()));
    }
    if (webhook != null) {
      webhook.post(TrendMessage.payload(namespace, name, trend, channel));
    }
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}

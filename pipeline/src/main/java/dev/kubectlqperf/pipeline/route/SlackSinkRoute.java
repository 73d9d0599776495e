package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.sink.SinkRefusal;
import dev.kubectlqperf.pipeline.sink.SlackMessage;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import org.apache.camel.Exchange;

/** One Slack message per run, through an incoming webhook. A 429's Retry-After sets the next delay. */
public final class SlackSinkRoute extends SinkRoute {
  private final SlackWebhook webhook;
  private final String channel;

  public SlackSinkRoute(SlackWebhook webhook, String channel, DeliveryOutcomes outcomes) {
    super(Sink.SLACK, outcomes);
    this.webhook = webhook;
    this.channel = channel;
  }

  @Override
  public void configure() {
    fromQueue("result-to-slack")
        .process(e -> e.getMessage().setBody(SlackMessage.payload(DeliveryOutcomes.result(e), channel)))
        .process(this::post)
        .process(outcomes::delivered);
  }

  private void post(Exchange e) throws Exception {
    e.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
    try {
      webhook.post(e.getMessage().getBody(String.class));
    } catch (SinkRefusal refusal) {
      if (refusal.retryAfter() != null) {
        e.getMessage().setHeader(Exchange.REDELIVERY_DELAY, refusal.retryAfter().toMillis());
      }
      throw refusal;
    }
  }
}

package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.sink.InfluxPoints;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import java.time.Clock;

/** Results to InfluxDB 1.x: one batch of points per run, written through {@code {{qperf.sink.influxdb.uri}}}. */
public final class InfluxSinkRoute extends SinkRoute {
  private final SinkConfig config;
  private final Clock clock;

  public InfluxSinkRoute(SinkConfig config, Clock clock, DeliveryOutcomes outcomes) {
    super(Sink.INFLUXDB, outcomes);
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void configure() {
    fromQueue("result-to-influx")
        .process(e -> e.getMessage().setBody(InfluxPoints.batch(DeliveryOutcomes.result(e), config.influxDatabase(),
            config.influxRetentionPolicy(), clock.instant())))
        .to("{{qperf.sink.influxdb.uri}}")
        .process(outcomes::delivered);
  }
}

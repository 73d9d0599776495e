package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.sink.ResultFiles;
import dev.kubectlqperf.pipeline.sink.SlackWebhook;
import dev.kubectlqperf.pipeline.route.DeadLetterRoute;
import dev.kubectlqperf.pipeline.route.FileSinkRoute;
import dev.kubectlqperf.pipeline.route.InfluxSinkRoute;
import dev.kubectlqperf.pipeline.route.SinkErrorHandling;
import dev.kubectlqperf.pipeline.route.SlackSinkRoute;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.camel.main.Main;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * The sink routes of the enabled sinks and their connections, added to a Camel Main;
 * {@link #close()} closes the connections.
 */
public final class SinkSetup implements AutoCloseable {

  /** The registry name of the InfluxDB connection named by {@code qperf.sink.influxdb.uri} (application.properties). */
  public static final String INFLUXDB_BEAN = "qperfInfluxDb";
  private final SinkConfig config;
  private final Clock clock;
  private final DeliveryOutcomes outcomes;
  private InfluxDB influx;
  private HttpClient http;

  public SinkSetup(SinkConfig config, Clock clock, DeliveryOutcomes outcomes) {
    this.config = config;
    this.clock = clock;
    this.outcomes = outcomes;
  }

  public void addTo(Main main) {
    main.configure().addRoutesBuilder(new SinkErrorHandling(config, outcomes));
    main.configure().addRoutesBuilder(new DeadLetterRoute(outcomes));
    if (config.enabled().contains(Sink.FILE)) {
      main.configure().addRoutesBuilder(new FileSinkRoute(new ResultFiles(config.resultsDir()), outcomes));
    }
    if (config.enabled().contains(Sink.INFLUXDB)) {
      influx = connectInflux();
      main.bind(INFLUXDB_BEAN, influx);
      main.configure().addRoutesBuilder(new InfluxSinkRoute(config, clock, outcomes));
    }
    if (config.enabled().contains(Sink.SLACK)) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      main.configure().addRoutesBuilder(
          new SlackSinkRoute(new SlackWebhook(http, config.slackWebhookUrl()), config.slackChannel(), outcomes));
    }
  }

  private InfluxDB connectInflux() {
    OkHttpClient.Builder okhttp = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS);
    return config.influxUsername() == null ? InfluxDBFactory.connect(config.influxUrl(), okhttp)
        : InfluxDBFactory.connect(config.influxUrl(), config.influxUsername(), config.influxPassword(), okhttp);
  }

  @Override
  public void close() {
    if (influx != null) {
      influx.close();
    }
    if (http != null) {
      http.close();
    }
  }
}

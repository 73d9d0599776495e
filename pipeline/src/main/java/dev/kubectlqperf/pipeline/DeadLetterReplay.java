package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.CamelProperties;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.delivery.DeliveryGuard;
import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.route.SinkSetup;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.pipeline.k8s.DeliveryRecorder;
import dev.kubectlqperf.pipeline.metrics.SinkMetrics;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * Sends the dead letter's result documents to their sinks again, through the same sink routes and
 * retries as the pipeline. A document a sink takes is removed from the dead letter and its run's
 * status says Delivered (when the run still exists); one it refuses again stays.
 */
public final class DeadLetterReplay {

  /** What happened to one document. */
  public record Outcome(String sink, String file, boolean delivered, String note) {}

  private final QperfCluster cluster;
  private final SinkConfig config;
  private final Clock clock;
  private final Map<String, String> properties;
  private final ResultJson json = new ResultJson();

  public DeadLetterReplay(QperfCluster cluster, SinkConfig config, Clock clock, Map<String, String> properties) {
    this.cluster = cluster;
    this.config = config;
    this.clock = clock;
    this.properties = properties;
  }

  /** Replays every document, or only those of {@code onlySink} when it is not null. */
  public List<Outcome> replay(String onlySink) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    Main main = new Main();
    CamelProperties.of(config).forEach(main::addOverrideProperty);
    properties.forEach(main::addOverrideProperty);
    DeliveryOutcomes deliveries = new DeliveryOutcomes(new DeliveryRecorder(cluster, clock),
        new DeliveryGuard(), config, SinkMetrics.unexported());
    try (SinkSetup sinks = new SinkSetup(config, clock, deliveries)) {
      sinks.addTo(main);
      main.start();
      try {
        ProducerTemplate template = main.getCamelTemplate();
        for (Sink sink : Sink.values()) {
          if (onlySink == null || onlySink.equals(sink.id())) {
            for (Path file : documents(sink)) {
              outcomes.add(replay(template, sink, file));
            }
          }
        }
      } finally {
        main.stop();
      }
    }
    return outcomes;
  }

  private Outcome replay(ProducerTemplate template, Sink sink, Path file) throws IOException {
    String name = sink.id() + "/" + file.getFileName();
    if (!config.enabled().contains(sink)) {
      return new Outcome(sink.id(), name, false, "sink not enabled in QPERF_SINKS");
    }
    QperfResult result;
    try {
      result = json.read(Files.readString(file));
    } catch (IllegalArgumentException e) {
      return new Outcome(sink.id(), name, false, e.getMessage());
    }
    Exchange done = template.send(sink.queue(), ExchangePattern.InOut, e -> e.getMessage().setBody(result));
    if (Boolean.TRUE.equals(done.getMessage().getHeader(DeliveryOutcomes.DELIVERED, Boolean.class))) {
      Files.deleteIfExists(file);
      return new Outcome(sink.id(), name, true, "delivered");
    }
    return new Outcome(sink.id(), name, false, "refused again, kept");
  }

  private List<Path> documents(Sink sink) throws IOException {
    Path dir = config.deadLetterDir().resolve(sink.id());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")
          && !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }
}

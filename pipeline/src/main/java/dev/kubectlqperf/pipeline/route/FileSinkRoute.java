package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.sink.ResultFiles;
import dev.kubectlqperf.pipeline.config.Sink;

/**
 * Results to JSON Lines and CSV files. Camel's file producer appends, but cannot skip a run the
 * file already holds, which a redelivery after a crash needs; {@link ResultFiles} does both.
 */
public final class FileSinkRoute extends SinkRoute {
  private final ResultFiles files;

  public FileSinkRoute(ResultFiles files, DeliveryOutcomes outcomes) {
    super(Sink.FILE, outcomes);
    this.files = files;
  }

  @Override
  public void configure() {
    fromQueue("result-to-files")
        .process(e -> files.append(DeliveryOutcomes.result(e)))
        .process(outcomes::delivered);
  }
}

package dev.kubectlqperf.pipeline.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.SinkDelivery;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/** Records in the Qperf status that sinks got a run's result, so a restart does not send it again. */
public class DeliveryRecorder {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final QperfCluster cluster;
  private final Clock clock;

  public DeliveryRecorder(QperfCluster cluster, Clock clock) {
    this.cluster = cluster;
    this.clock = clock;
  }

  public void delivered(String key, Set<String> sinks) {
    if (sinks == null || sinks.isEmpty()) {
      return;
    }
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode byName = patch.putObject("status").putObject("sinks");
    for (String sink : sinks) {
      byName.set(sink, JSON.valueToTree(new SinkDelivery(SinkDelivery.State.Delivered, 1, null, now)));
    }
    int slash = key.indexOf('/');
    cluster.mergePatchStatus(key.substring(0, slash), key.substring(slash + 1), patch.toString());
  }
}

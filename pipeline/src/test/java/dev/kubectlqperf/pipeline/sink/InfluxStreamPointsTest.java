package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.run.ClientPodResult;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run of parallel streams in InfluxDB: a stream tag on each block, an aggregate point tagged stream=sum. */
class InfluxStreamPointsTest {

  /** Two streams of one repetition: 1 and 3 GB/sec, 10 and 30 us. */
  static QperfResult twoStreams() {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withName("par").withNamespace("bench").withUid("u").build());
    q.setSpec(new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null, null, null, null, null, null, 2));
    Pod pod = QperfManifests.clientPod(q, 1);
    pod.setStatus(new PodStatusBuilder().withPhase("Succeeded").withContainerStatuses(pod.getSpec().getContainers()
        .stream().map(c -> new ContainerStatusBuilder().withName(c.getName()).withNewState().withNewTerminated()
            .withExitCode(0).withFinishedAt("2026-11-25T10:00:05Z").endTerminated().endState().build()).toList())
        .build());
    return ClientPodResult.ofRun(q, List.of(pod), (p, c) -> c.equals("client")
        ? "qperf-stream-start uptime=1.00\ntcp_bw:\n    bw  =  1 GB/sec\ntcp_lat:\n    latency  =  10 us\n"
        : "qperf-stream-start uptime=1.10\ntcp_bw:\n    bw  =  3 GB/sec\ntcp_lat:\n    latency  =  30 us\n",
        Instant.EPOCH, null);
  }

  @Test
  void eachBlockCarriesItsStreamAndTheAggregateIsAPointOfItsOwn() {
    List<String> lines = InfluxPoints.batch(twoStreams(), "qperf", "autogen", Instant.EPOCH).getPoints().stream()
        .map(p -> p.lineProtocol()).toList();
    assertTrue(lines.get(0).contains(",stream=1,test=tcp_bw ") && lines.get(2).contains(",stream=2,test=tcp_bw "),
        String.join("\n", lines));
    String bw = lines.stream().filter(l -> l.startsWith("qperf,") && l.contains("stream=sum") && l.contains("test=tcp_bw"))
        .findFirst().orElseThrow();
    assertTrue(bw.contains(" bw=4.0E9,bw_max=3.0E9,bw_min=1.0E9,streams=2i ") || bw.contains("bw=4000000000.0"), bw);
    String lat = lines.stream().filter(l -> l.startsWith("qperf,") && l.contains("stream=sum") && l.contains("test=tcp_lat"))
        .findFirst().orElseThrow();
    assertTrue(lat.contains("latency=2.0E-5") || lat.contains("latency=0.00002,"), "the median stream: " + lat);
    String sumStats = lines.stream().filter(l -> l.startsWith("qperf_stats,") && l.contains("stream=sum"))
        .findFirst().orElseThrow();
    assertTrue(sumStats.contains("metric=bw") && sumStats.contains("mean=4000000000.0"), sumStats);
    assertEquals(1, lines.stream().filter(l -> l.startsWith("qperf_stats,") && l.contains("stream=sum")).count(),
        "latencies have no sum");
  }
}

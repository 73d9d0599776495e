package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import java.time.Instant;
import java.util.List;
import org.influxdb.dto.BatchPoints;
import org.junit.jupiter.api.Test;

class InfluxPointsTest {

  private static final long COMPLETION_NANOS = Instant.parse("2026-11-25T10:00:05Z").getEpochSecond() * 1_000_000_000L;

  @Test
  void onePointPerTestBlockWithTagsAndBaseUnitFields() {
    BatchPoints batch = InfluxPoints.batch(Results.of("tcp_bw_tcp_lat.txt", "r1", "u1"), "qperf", "autogen",
        Instant.EPOCH);
    assertEquals("qperf", batch.getDatabase());
    assertEquals("autogen", batch.getRetentionPolicy());
    List<String> lines = batch.getPoints().stream().map(p -> p.lineProtocol()).toList();
    assertEquals(2, lines.size());
    String tags = "client_host_network=true,client_node=node-b,namespace=bench,run=r1,server_host_network=false,"
        + "server_node=node-a,service_type=Headless";
    assertEquals("qperf," + tags + ",test=tcp_bw bw=2020000000.0,ok=true " + COMPLETION_NANOS, lines.get(0));
    assertEquals("qperf," + tags + ",test=tcp_lat latency=0.00000702,ok=true " + (COMPLETION_NANOS + 1), lines.get(1));
  }

  @Test
  void theIpFamilyIsATagWhenKnown() {
    QperfResult plain = Results.of("tcp_bw_tcp_lat.txt", "v6", "u1");
    RunIdentity run = plain.run();
    QperfResult v6 = plain.withRun(new RunIdentity(run.namespace(), run.name(), run.uid(), run.startTime(),
        run.endTime(), run.serverNode(), run.clientNode(), run.qperfVersion(), run.repetition(), run.serviceType(),
        run.serverHostNetwork(), run.clientHostNetwork(), null, "IPv6"));
    String line = InfluxPoints.batch(v6, "qperf", "autogen", Instant.EPOCH).getPoints().get(0).lineProtocol();
    assertTrue(line.contains(",ip_family=IPv6,"), line);
    assertFalse(InfluxPoints.batch(plain, "qperf", "autogen", Instant.EPOCH).getPoints().get(0).lineProtocol()
        .contains("ip_family"), "an unknown family is no tag");
  }

  @Test
  void aMatrixChildIsTaggedWithItsMatrixScenarioNodesAndZones() {
    QperfResult plain = Results.of("tcp_bw_tcp_lat.txt", "net-p2p-a-b", "u1");
    RunIdentity run = plain.run();
    QperfResult child = plain.withRun(new RunIdentity(run.namespace(), run.name(), run.uid(), run.startTime(),
        run.endTime(), run.serverNode(), run.clientNode(), run.qperfVersion(), run.repetition(), run.serviceType(),
        run.serverHostNetwork(), run.clientHostNetwork(),
        new RunIdentity.MatrixMember("net", "PodToPod", "node-a", "node-b", "zone-1", null)));

    String line = InfluxPoints.batch(child, "qperf", "autogen", Instant.EPOCH).getPoints().get(0).lineProtocol();

    assertTrue(line.contains(",dst_node=node-b,matrix=net,") && line.contains(",scenario=PodToPod,")
        && line.contains(",src_node=node-a,src_zone=zone-1,"), line);
    assertFalse(line.contains("dst_zone"), "a node without a zone has no zone tag: " + line);
    assertFalse(InfluxPoints.batch(plain, "qperf", "autogen", Instant.EPOCH).getPoints().get(0).lineProtocol()
        .contains("matrix="), "a run of its own has no matrix tags");
  }

  @Test
  void repetitionsAreTaggedAndTheStatisticsAreAMeasurementOfTheirOwn() {
    QperfResult result = Results.repeated("rep", List.of("tcp_bw bw at least 1 GB/sec"),
        Results.output("1.8 GB/sec", "7.0 us"), Results.output("2.0 GB/sec", "7.2 us"));
    List<String> lines = InfluxPoints.batch(result, "qperf", "autogen", Instant.EPOCH).getPoints().stream()
        .map(p -> p.lineProtocol()).toList();
    assertEquals(6, lines.size(), String.join("\n", lines));
    long end = Instant.parse("2026-11-25T10:00:02Z").getEpochSecond() * 1_000_000_000L;
    String tags = "client_host_network=false,client_node=node-b,namespace=bench";
    assertEquals("qperf," + tags + ",repetition=2,run=rep,server_host_network=false,service_type=Headless,"
        + "test=tcp_bw,verdict=Passed bw=2000000000.0,ok=true " + (end + 2), lines.get(2));
    assertEquals("qperf_stats,client_host_network=false,client_node=node-b,metric=bw,namespace=bench,run=rep,"
        + "server_host_network=false,service_type=Headless,test=tcp_bw,verdict=Passed ci95_high=3170620473.6000004,"
        + "ci95_low=629379526.3999999,count=2i,cv_percent=7.4432292756478695,max=2000000000.0,mean=1900000000.0,"
        + "min=1800000000.0,p50=1900000000.0,p90=1980000000.0,p99=1998000000.0,stddev=141421356.23730952 " + end,
        lines.get(4));
  }

  @Test
  void aSingleSampleHasNoSpreadFieldsRatherThanMadeUpOnes() {
    QperfResult result = Results.repeated("one", null, Results.output("1.8 GB/sec", "7.0 us"));
    String stats = InfluxPoints.batch(result, "qperf", "autogen", Instant.EPOCH).getPoints().get(2).lineProtocol();
    assertTrue(stats.startsWith("qperf_stats,"), stats);
    assertTrue(stats.contains("count=1i") && !stats.contains("stddev") && !stats.contains("ci95"), stats);
    assertFalse(stats.contains("verdict"), "no thresholds, no verdict: " + stats);
  }

  @Test
  void loopVariablesAreTagsSoIterationsAreSeriesOfTheirOwn() {
    BatchPoints batch = InfluxPoints.batch(Results.of("loop_msg_size_vu_tcp_lat.txt", "loop", "u2"), "qperf",
        "autogen", Instant.EPOCH);
    assertTrue(batch.getPoints().size() > 3);
    assertTrue(batch.getPoints().get(0).lineProtocol().contains(",loop_msg_size=1,"));
    assertTrue(batch.getPoints().get(1).lineProtocol().contains(",loop_msg_size=4,"));
  }

  @Test
  void aFailedBlockCarriesItsError() {
    BatchPoints batch = InfluxPoints.batch(Results.of("multi_test_mid_failure.txt", "mid", "u3"), "qperf", "autogen",
        Instant.EPOCH);
    assertTrue(batch.getPoints().stream().map(p -> p.lineProtocol())
        .anyMatch(l -> l.contains("ok=false") && l.contains("error=\"")), batch.lineProtocol());
  }

  @Test
  void aRunThatPrintedNoBlockIsOnePointWithItsError() {
    QperfResult failed = new QperfResult(QperfResult.SCHEMA, false,
        new RunIdentity("bench", "never", "u4", null, "2026-11-25T10:00:05Z", null, null, null, 1, null, null, null),
        null, List.of(), List.of("Timeout: the qperf server never became ready"), List.of(), List.of());
    List<String> lines = InfluxPoints.batch(failed, "qperf", "autogen", Instant.EPOCH).getPoints().stream()
        .map(p -> p.lineProtocol()).toList();
    assertEquals(List.of("qperf,namespace=bench,run=never error=\"Timeout: the qperf server never became ready\","
        + "ok=false " + COMPLETION_NANOS), lines);
  }

  @Test
  void withoutACompletionTimeTheFallbackIsUsed() {
    QperfResult r = Results.of("tcp_bw_tcp_lat.txt", "r1", "u1");
    QperfResult noEnd = r.withRun(new RunIdentity("bench", "r1", "u1", null, null, null, null, null, 1, null, null,
        null));
    String line = InfluxPoints.batch(noEnd, "qperf", "autogen", Instant.ofEpochSecond(7)).getPoints().get(0)
        .lineProtocol();
    assertTrue(line.endsWith(" 7000000000"), line);
    assertFalse(line.contains("node"), "unknown tags are left out: " + line);
  }
}

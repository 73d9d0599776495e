package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  static Lease lease(Instant renewed) {
    return new LeaseBuilder().withNewMetadata().withName("qperf-pipeline").endMetadata().withNewSpec()
        .withHolderIdentity("qperf-pipeline-7d9-abc").withLeaseDurationSeconds(15)
        .withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC)).endSpec().build();
  }

  static PipelineCheck.InCluster cluster(Lease lease, String namespaces) {
    ConfigMap config = namespaces == null ? null : new ConfigMapBuilder().withNewMetadata().withName("qperf-pipeline")
        .endMetadata().withData(Map.of("QPERF_NAMESPACES", namespaces)).build();
    return new PipelineCheck.InCluster("qperf-system", "qperf-pipeline", Fetched.of(lease), Fetched.of(config));
  }

  @Test
  void aFreshLeaseLeadsAndItsConfigMapSaysWhatItWatches() {
    var c = cluster(lease(NOW.minusSeconds(3)), "*");
    Finding f = PipelineCheck.running(c, null, "", NOW);
    assertEquals(Status.PASS, f.status());
    assertEquals("leading: qperf-pipeline-7d9-abc holds Lease qperf-system/qperf-pipeline, renewed 3s ago", f.detail());
    assertEquals(Status.PASS, PipelineCheck.watches(c, null, "bench", true).status());
    Finding other = PipelineCheck.watches(cluster(lease(NOW), "qperf-bench, team-a"), null, "bench", true);
    assertEquals(Status.FAIL, other.status());
    assertEquals("watches qperf-bench, team-a, not bench", other.detail());
    assertEquals(Status.PASS, PipelineCheck.watches(cluster(lease(NOW), "a,bench"), null, "bench", true).status());
  }

  @Test
  void aStaleLeaseIsNoPipeline() {
    Finding f = PipelineCheck.running(cluster(lease(NOW.minusSeconds(300)), "*"), null, "", NOW);
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.detail().startsWith("Lease qperf-system/qperf-pipeline is stale: qperf-pipeline-7d9-abc renewed it 300s ago"),
        f.detail());
    assertTrue(f.fix().contains("logs deploy/qperf-pipeline"), f.fix());
  }

  @Test
  void noLeaseAndNoLocalPipelineFailsWithTheInstallCommand() {
    Finding f = PipelineCheck.running(cluster(null, null), null, "", NOW);
    assertEquals(Status.FAIL, f.status());
    assertEquals("./install.sh (a local pipeline) or ./install.sh --in-cluster", f.fix());
    var forbidden = new PipelineCheck.InCluster("qperf-system", "qperf-pipeline", Fetched.failed("forbidden"),
        Fetched.failed("forbidden"));
    Finding unknown = PipelineCheck.running(forbidden, null, "", NOW);
    assertEquals(Status.WARN, unknown.status(), "no rights to read the Lease: cannot tell");
    assertEquals("cannot read Lease qperf-system/qperf-pipeline (and no local pipeline runs): forbidden",
        unknown.detail());
  }

  @Test
  void aLocalPipelineCountsForItsOwnKubeconfigOnlyAndSaysWhatItWatches() {
    LocalPipeline local = new LocalPipeline(4242, "qperf-bench", "/home/u/kc", "file");
    assertEquals(Status.PASS, PipelineCheck.running(cluster(null, null), local, "/home/u/kc", NOW).status());
    Finding elsewhere = PipelineCheck.running(cluster(null, null), local, "", NOW);
    assertEquals(Status.WARN, elsewhere.status());
    Finding watches = PipelineCheck.watches(cluster(null, null), local, "bench", false);
    assertEquals(Status.FAIL, watches.status());
    assertTrue(watches.fix().startsWith("./install.sh --namespaces bench"), watches.fix());
  }

  @Test
  void sinksAreNamedButTheirReachabilityIsLeftToThePipeline() {
    assertEquals(Status.PASS, SinkCheck.evaluate("", "cm", "curl").status());
    Finding influx = SinkCheck.evaluate("influxdb,slack", "cm", "curl health");
    assertEquals(Status.WARN, influx.status());
    assertEquals("curl health", influx.fix());
    assertEquals(Status.WARN, SinkCheck.evaluate(null, "cm", "x").status());
  }
}

package dev.kubectlqperf.pipeline.bench;

import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.pipeline.FakeKubelet;
import dev.kubectlqperf.pipeline.PipelineFixture;
import dev.kubectlqperf.pipeline.sink.InfluxPoints;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.InfluxServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Time from a run's completion (its client pod ended) to its point being queryable in a real
 * InfluxDB, through the whole pipeline; next to it, in the same run, the floor: the same batch
 * written straight with influxdb-java and queried back. Prints a table; see bench/sinks.sh.
 */
public final class SinkBench {

  private static final String NS = PipelineFixture.NS;
  private static final int WARMUP = 10;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new io.fabric8.mockwebserver.MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    KubernetesClient client = server.createClient();
    try (InfluxServer influx = InfluxServer.start("qperf"); PipelineFixture fixture = new PipelineFixture(client)) {
      fixture.start(Map.of("QPERF_RESYNC_SECONDS", "600", SinkConfig.SINKS, "influxdb",
          SinkConfig.INFLUXDB_URL, influx.url()), (s, k) -> { });
      FakeKubelet kubelet = new FakeKubelet(client, server);
      List<Long> pipeline = new ArrayList<>();
      for (int i = 0; i < WARMUP + runs; i++) {
        long nanos = oneRun(client, fixture, kubelet, influx, "run-" + i);
        if (i >= WARMUP) {
          pipeline.add(nanos);
        }
      }
      List<Long> direct = new ArrayList<>();
      try (InfluxDB write = InfluxDBFactory.connect(influx.url())) {
        for (int i = 0; i < WARMUP + runs; i++) {
          long nanos = directWrite(write, influx, "direct-" + i);
          if (i >= WARMUP) {
            direct.add(nanos);
          }
        }
      }
      System.out.printf("%-52s %8s %8s %8s%n", "completion -> queryable in InfluxDB (" + runs + " runs)", "p50 ms",
          "p99 ms", "max ms");
      BenchSupport.row("pipeline: client pod ended -> point queryable", pipeline, 50, 8);
      BenchSupport.row("floor: influxdb-java write -> point queryable", direct, 50, 8);
    } finally {
      client.close();
      server.destroy();
      System.exit(0);
    }
  }

  private static long oneRun(KubernetesClient client, PipelineFixture fixture, FakeKubelet kubelet,
      InfluxServer influx, String name) throws Exception {
    fixture.create(name, QperfSpec.of(List.of("tcp_lat"), null));
    BenchSupport.await(name + " server", () -> client.apps().deployments().inNamespace(NS).withName(name).get() != null,
        30);
    kubelet.serverReady(NS, name);
    BenchSupport.await(name + " client", () -> client.pods().inNamespace(NS).withName(name + "-client").get() != null,
        30);
    long ended = System.nanoTime();
    kubelet.clientEnded(NS, name + "-client", 0, "tcp_lat:\n    latency  =  5 us\n");
    BenchSupport.await(name + " in InfluxDB", () -> queryable(influx, name), 30);
    return System.nanoTime() - ended;
  }

  private static long directWrite(InfluxDB write, InfluxServer influx, String name) throws Exception {
    QperfResult result = new QperfResult(QperfResult.SCHEMA, true, new RunIdentity(NS, name, name, null,
        Instant.now().toString(), null, null, null, 1, null, null, null), 0, List.of(), List.of("none"), List.of(),
        List.of());
    long start = System.nanoTime();
    write.write(InfluxPoints.batch(result, "qperf", "autogen", Instant.now()));
    BenchSupport.await(name + " in InfluxDB", () -> queryable(influx, name), 30);
    return System.nanoTime() - start;
  }

  private static boolean queryable(InfluxServer influx, String run) {
    try {
      return influx.rows("SELECT count(ok) FROM qperf WHERE run = '" + run + "'", "qperf") > 0;
    } catch (Exception e) {
      return false;
    }
  }
}

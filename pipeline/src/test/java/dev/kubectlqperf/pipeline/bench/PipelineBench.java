package dev.kubectlqperf.pipeline.bench;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.pipeline.FakeKubelet;
import dev.kubectlqperf.pipeline.PipelineFixture;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reaction latency of the pipeline and a burst of runs, against the fabric8 CRUD mock API server
 * in this JVM, with a watch-driven fake kubelet. Prints a table; see bench/pipeline.sh.
 */
public final class PipelineBench {

  private static final String NS = PipelineFixture.NS;
  /** Unmeasured runs first, so the table shows a warm JVM like a long-running pipeline's. */
  private static final int WARMUP = 20;
  private final KubernetesClient client;
  private final FakeKubelet kubelet;
  private final ExecutorService kubeletThreads = Executors.newFixedThreadPool(4);
  private final Map<String, Long> deploymentSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> clientEndedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> resultsSeen = new ConcurrentHashMap<>();

  private PipelineBench(KubernetesClient client, KubernetesMockServer server) {
    this.client = client;
    this.kubelet = new FakeKubelet(client, server);
  }

  public static void main(String[] args) throws Exception {
    int sequential = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new io.fabric8.mockwebserver.MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    KubernetesClient client = server.createClient();
    try (PipelineFixture fixture = new PipelineFixture(client)) {
      fixture.start(Map.of("QPERF_RESYNC_SECONDS", "600"), (s, k) -> { });
      new PipelineBench(client, server).run(fixture, sequential, burst);
    } finally {
      client.close();
      server.destroy();
      System.exit(0);
    }
  }

  private void run(PipelineFixture fixture, int sequential, int burst) throws Exception {
    watch();
    for (int i = 0; i < WARMUP; i++) {
      String name = "warmup-" + i;
      fixture.create(name, QperfSpec.of(List.of("tcp_lat"), null));
      BenchSupport.await(name, () -> resultsSeen.containsKey(name), 30);
    }
    List<Long> toServer = new ArrayList<>();
    List<Long> toResults = new ArrayList<>();
    for (int i = 0; i < sequential; i++) {
      String name = "seq-" + i;
      long created = System.nanoTime();
      fixture.create(name, QperfSpec.of(List.of("tcp_lat"), null));
      BenchSupport.await(name, () -> resultsSeen.containsKey(name), 30);
      toServer.add(deploymentSeen.get(name) - created);
      toResults.add(resultsSeen.get(name) - clientEndedAt.get(name));
    }
    System.gc();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    for (int i = 0; i < burst; i++) {
      fixture.create("burst-" + i, QperfSpec.of(List.of("tcp_bw"), null));
    }
    for (int i = 0; i < burst; i++) {
      String name = "burst-" + i;
      BenchSupport.await(name, () -> resultsSeen.containsKey(name), 120);
    }
    long wall = System.nanoTime() - start;
    long peakHeap = usedHeap();
    awaitNoServers(60);
    System.gc();
    long retainedHeap = usedHeap();
    long completed = client.resources(Qperf.class).inNamespace(NS).list().getItems().stream()
        .filter(q -> q.getMetadata().getName().startsWith("burst-"))
        .filter(q -> q.getStatus() != null && q.getStatus().getPhase() == QperfPhase.Completed).count();
    int leaked = client.apps().deployments().inNamespace(NS).list().getItems().size()
        + client.services().inNamespace(NS).list().getItems().size();

    System.out.printf("%-44s %10s %10s %10s%n", "reaction latency (" + sequential + " runs, after " + WARMUP + " warm-up)",
        "p50 ms", "p99 ms", "max ms");
    BenchSupport.row("CR created -> server Deployment exists", toServer, 42, 10);
    BenchSupport.row("client Pod ended -> results in status", toResults, 42, 10);
    System.out.printf("%n%-44s %s%n", "burst of " + burst + " CRs created at once", "");
    System.out.printf("  %-42s %d of %d%n", "Completed", completed, burst);
    System.out.printf("  %-42s %d%n", "leaked server Deployments + Services", leaked);
    System.out.printf("  %-42s %.1f s%n", "wall time, first create -> last result", wall / 1e9);
    System.out.printf("  %-42s %d MB; after GC %d MB (before the burst, after GC: %d MB)%n",
        "heap in use after the burst (whole JVM)", peakHeap >> 20, retainedHeap >> 20, heapBefore >> 20);
    kubeletThreads.shutdownNow();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The kubelet and the stopwatch: reacts to what the pipeline creates, and notes when. */
  private void watch() {
    client.apps().deployments().inNamespace(NS).watch(new Watcher<Deployment>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        if (action == Action.ADDED) {
          String name = d.getMetadata().getName();
          deploymentSeen.putIfAbsent(name, System.nanoTime());
          kubeletThreads.execute(() -> kubelet.serverReady(NS, name));
        }
      }

      @Override
      public void onClose(WatcherException cause) { }
    });
    client.pods().inNamespace(NS).withLabel(QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT)
        .watch(new Watcher<Pod>() {
          @Override
          public void eventReceived(Action action, Pod p) {
            if (action == Action.ADDED) {
              String pod = p.getMetadata().getName();
              String run = pod.substring(0, pod.length() - "-client".length());
              kubeletThreads.execute(() -> {
                kubelet.clientEnded(NS, pod, 0, "tcp_lat:\n    latency  =  5 us\n");
                clientEndedAt.put(run, System.nanoTime());
              });
            }
          }

          @Override
          public void onClose(WatcherException cause) { }
        });
    client.resources(Qperf.class).inNamespace(NS).watch(new Watcher<Qperf>() {
      @Override
      public void eventReceived(Action action, Qperf q) {
        if (q.getStatus() != null && q.getStatus().getResults() != null) {
          resultsSeen.putIfAbsent(q.getMetadata().getName(), System.nanoTime());
        }
      }

      @Override
      public void onClose(WatcherException cause) { }
    });
  }

  private void awaitNoServers(int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
        && System.nanoTime() < deadline) {
      new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS);
    }
  }
}

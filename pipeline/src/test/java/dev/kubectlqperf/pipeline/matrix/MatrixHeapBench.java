package dev.kubectlqperf.pipeline.matrix;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixPlan;
import dev.kubectlqperf.model.matrix.MatrixPlanner;
import dev.kubectlqperf.model.matrix.MatrixNode;
import dev.kubectlqperf.model.matrix.NodeSelection;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixStatus;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The heap the pipeline holds for one ended QperfMatrix over N nodes (bench/matrix-heap.sh runs
 * it): the plan, the ended children as its two Qperf informers cache them, their ended client pods
 * as its pod informer caches them, and the status one matrix pass computes; against the JVM's
 * heap before, and one single Qperf run. Each figure is the heap in use after full collections
 * until it no longer changes. A benchmark, not a test: heap figures in unit tests fail on a JVM
 * that is not this one.
 */
public final class MatrixHeapBench {

  private static final String NS = "bench";
  /** Two pipeline budgets to compare with: the local launcher's -Xmx, and 70 % of the Deployment's memory limit. */
  private static final long LAUNCHER_HEAP = 256L << 20;
  private static final long IN_CLUSTER_HEAP = (long) (0.7 * (512L << 20));
  /** One run is below what the heap measure tells apart (16 KB): this many, held at once, give its mean. */
  private static final int SINGLES = 100;
  static final long ETCD_LIMIT = 1_572_864;
  private final KubernetesSerialization json;
  private final PairObjects objects;
  private final QperfMatrix matrix;
  private final QperfMatrixSpec runSpec;
  private final int n;

  /** @param json one for both runs, as the pipeline has one client: its mapper's caches are part of the baseline */
  private MatrixHeapBench(KubernetesSerialization json, QperfMatrix matrix, QperfMatrixSpec runSpec,
      CompletedChild real, int n) {
    this.json = json;
    this.matrix = matrix;
    this.runSpec = runSpec;
    this.n = n;
    this.objects = new PairObjects(matrix, runSpec.template(), json, real);
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100; // further arguments: node counts for StatusBound
    PipelineConfig config = PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, NS));
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withName("network-matrix").withNamespace(NS)
        .withUid("5d0c3f7e-2b1a-4c8e-9f3d-6a7b8c9d0e1f").withGeneration(1L).build());
    matrix.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw", "tcp_lat"), null)));
    QperfMatrixSpec runSpec = matrix.getSpec().withDefaults(config.defaultImage(), config.defaultTimeoutSeconds());
    long start = System.nanoTime();
    CompletedChild real = CompletedChild.run(matrix, runSpec.template());
    System.out.printf("one child run to its end by the pipeline (mock API server, fake kubelet, capture %s): %d ms%n",
        CompletedChild.CAPTURE, (System.nanoTime() - start) / 1_000_000);
    KubernetesSerialization json = new KubernetesSerialization();
    new MatrixHeapBench(json, matrix, runSpec, real, 6).measure(false); // warm-up: classes loaded, caches filled
    new MatrixHeapBench(json, matrix, runSpec, real, n).measure(true);
    for (int i = 1; i < args.length; i++) {
      StatusBound.print(matrix, runSpec, json, Integer.parseInt(args[i]));
    }
    System.exit(0);
  }

  private void measure(boolean print) {
    List<Row> rows = new ArrayList<>();
    long base = retained();
    rows.add(new Row("JVM heap before (warm, nothing held)", -1, base, 0));

    MatrixPlan.Step first = MatrixPlanner.plan(NodeSelection.select(nodes(2), runSpec), runSpec).steps().get(0);
    base = retained();
    long t = System.nanoTime();
    List<Single> singles = IntStream.range(0, SINGLES).mapToObj(i -> single(first, i)).toList();
    long singleNanos = (System.nanoTime() - t) / SINGLES;
    rows.add(new Row("one single Qperf run (the Qperf + its client pod; mean of " + SINGLES + ")", singleNanos,
        (retained() - base) / SINGLES, 1));
    if (singles.stream().anyMatch(s -> s.run().getStatus() == null || s.clientPod().getStatus() == null)) {
      throw new IllegalStateException("no status");
    }
    singles = null;
    base = retained();

    t = System.nanoTime();
    MatrixPlan plan = MatrixPlanner.plan(NodeSelection.select(nodes(n), runSpec), runSpec);
    long planNanos = System.nanoTime() - t;
    long afterPlan = retained();
    int pairs = plan.pairCount();
    rows.add(new Row("(a) the plan: " + n + " nodes, " + pairs + " pairs in " + plan.roundCount() + " rounds",
        planNanos, afterPlan - base, pairs));

    Random random = new Random(19);
    List<Qperf> children = new ArrayList<>(pairs);
    long listBytes = 0;
    long build = 0;
    long parse = 0;
    int index = 0;
    for (MatrixPlan.Step s : plan.steps()) {
      t = System.nanoTime();
      String text = objects.childJson(s.scenario(), s.pair(), index++, factor(random, plan, s));
      long parsing = System.nanoTime();
      build += parsing - t;
      children.add(objects.parse(text, Qperf.class));
      parse += System.nanoTime() - parsing;
      listBytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    long afterChildren = retained();
    rows.add(new Row("(b) " + pairs + " ended children, Qperf informer's copy", parse,
        afterChildren - afterPlan, pairs));

    List<Qperf> secondCopy = new ArrayList<>(pairs);
    long reparse = 0;
    for (Qperf child : children) {
      String text = json.asJson(child);
      long parsing = System.nanoTime();
      secondCopy.add(objects.parse(text, Qperf.class));
      reparse += System.nanoTime() - parsing;
    }
    long afterSecond = retained();
    rows.add(new Row("(b) the same children, matrix-children informer's copy", reparse, afterSecond - afterChildren,
        pairs));

    List<Pod> pods = new ArrayList<>(pairs);
    index = 0;
    long podNanos = 0;
    for (Qperf child : children) {
      t = System.nanoTime();
      String text = objects.clientPodJson(child, index++);
      long parsing = System.nanoTime();
      build += parsing - t;
      pods.add(objects.parse(text, Pod.class));
      podNanos += System.nanoTime() - parsing;
    }
    long afterPods = retained();
    rows.add(new Row("(b) their ended client pods, pod informer's copy", podNanos, afterPods - afterSecond, pairs));

    QperfMatrixStatus next = new QperfMatrixStatus().setRunSpec(runSpec).setNodes(plan.nodes());
    t = System.nanoTime();
    MatrixPass.Decision decision = MatrixPass.decide(matrix, plan, children, next, Instant.now());
    long decideNanos = System.nanoTime() - t;
    long afterStatus = retained();
    rows.add(new Row("(c) the matrix status (MatrixPass.decide over the children)", decideNanos,
        afterStatus - afterPods, pairs));
    rows.add(new Row("the matrix in all (a) + (b) + (c)", -1, afterStatus - base, pairs));

    QperfMatrix withStatus = new QperfMatrix();
    withStatus.setMetadata(matrix.getMetadata());
    withStatus.setSpec(matrix.getSpec());
    withStatus.setStatus(decision.next());
    long statusBytes = json.asJson(decision.next()).getBytes(StandardCharsets.UTF_8).length;
    long matrixBytes = json.asJson(withStatus).getBytes(StandardCharsets.UTF_8).length;
    if (print) {
      print(rows, decision, statusBytes, matrixBytes, listBytes, parse, afterStatus);
      System.out.printf("(b) times are the JSON decoding an informer does; building the JSON (MatrixChildren, "
          + "QperfManifests, the bench's copies) took %.0f ms more%n", build / 1e6);
      ManagedFieldsCost.print(json, pairs, afterStatus - base, afterStatus);
    }
    if (children.size() + secondCopy.size() + pods.size() != 3 * pairs) {
      throw new IllegalStateException("lost objects");
    }
  }

  private void print(List<Row> rows, MatrixPass.Decision decision, long statusBytes, long matrixBytes, long listBytes,
      long parseNanos, long heapNow) {
    System.out.printf("%nJDK %s, %s, -Xmx %d MB, %d cores%n", System.getProperty("java.version"),
        ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%-66s %10s %12s %10s%n", "stage (" + n + " nodes)", "time ms", "heap MB", "per pair");
    for (Row r : rows) {
      System.out.printf("%-66s %10s %12s %10s%n", r.stage(), r.nanos() < 0 ? "" : String.format("%.1f", r.nanos() / 1e6),
          String.format(r.pairs() == 0 ? "%.1f" : "+%.3f", r.bytes() / 1048576.0),
          r.pairs() == 0 ? "" : String.format("%.2f KB", r.bytes() / 1024.0 / r.pairs()));
    }
    var status = decision.next();
    System.out.printf("%nstatus: phase %s, verdict %s, %d of %d pairs done, %d children to create, %d pairs kept "
        + "(truncated %s), %d outlier pairs, %d outlier nodes, %d node medians, %d nodes%n", status.getPhase(),
        status.getVerdict(), status.getProgress().done(), status.getProgress().total(), decision.toCreate().size(),
        status.getPairs().size(), status.getPairsTruncated(), status.getOutlierPairs().size(),
        status.getOutlierNodes().size(), status.getNodeMedians().size(), status.getNodes().size());
    System.out.printf("status JSON %d bytes; the whole QperfMatrix %d bytes (%.1f %% of etcd's 1.5 MiB)%n", statusBytes,
        matrixBytes, 100.0 * matrixBytes / ETCD_LIMIT);
    System.out.printf("the children in JSON (what each matrix pass LISTs): %.1f MB, %.0f bytes per child, decoded "
        + "in %.0f ms%n", listBytes / 1048576.0, (double) listBytes / rows.get(2).pairs(), parseNanos / 1e6);
    System.out.printf("JVM heap in use now %.1f MB: %.0f %% of the launcher's -Xmx256m, %.0f %% of the in-cluster "
        + "heap (70 %% of 512 Mi)%n", heapNow / 1048576.0, 100.0 * heapNow / LAUNCHER_HEAP,
        100.0 * heapNow / IN_CLUSTER_HEAP);
  }

  /** Pair speeds around the cluster's with a 5 % spread; node 7 and the path node 3 to node 4 at 30 %. */
  private static double factor(Random random, MatrixPlan plan, MatrixPlan.Step step) {
    double f = Math.max(0.8, Math.min(1.2, 1 + 0.05 * random.nextGaussian()));
    List<MatrixNode> nodes = plan.nodes();
    MatrixNode slow = nodes.get(Math.min(7, nodes.size() - 1));
    boolean slowPath = step.pair().src().equals(nodes.get(3 % nodes.size()))
        && step.pair().dst().equals(nodes.get(4 % nodes.size()));
    return step.pair().src().equals(slow) || step.pair().dst().equals(slow) || slowPath ? 0.3 * f : f;
  }

  /** Nodes named like EKS's, in three zones. */
  static List<Node> nodes(int count) {
    return IntStream.range(0, count).mapToObj(i -> new NodeBuilder().withNewMetadata()
        .withName(String.format("ip-10-0-%d-%d.eu-west-1.compute.internal", 16 + i / 200, 10 + i % 200))
        .addToLabels(NodeSelection.ZONE_LABEL, "eu-west-1" + "abc".charAt(i % 3)).endMetadata().build()).toList();
  }

  /**
   * The heap in use after full collections, once three in a row agree within 16 KB (at most 30,
   * 20 ms apart: threads left by the pipeline run may still be allocating).
   */
  static long retained() {
    var memory = ManagementFactory.getMemoryMXBean();
    long previous = Long.MIN_VALUE;
    int agreeing = 0;
    for (int i = 0; i < 30 && agreeing < 2; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      agreeing = Math.abs(used - previous) < 16 * 1024 ? agreeing + 1 : 0;
      previous = used;
      LockSupport.parkNanos(20_000_000);
    }
    return previous;
  }

  private Single single(MatrixPlan.Step step, int index) {
    Qperf run = objects.parse(objects.childJson(step.scenario(), step.pair(), -1 - index, 1.0), Qperf.class);
    return new Single(run, objects.parse(objects.clientPodJson(run, -1 - index), Pod.class));
  }

  private record Single(Qperf run, Pod clientPod) {}

  private record Row(String stage, long nanos, long bytes, int pairs) {}
}

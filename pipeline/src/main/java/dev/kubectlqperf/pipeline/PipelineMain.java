package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.config.Sink;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs the pipeline against the current kubeconfig (locally) or the pod's ServiceAccount
 * (in-cluster), until stopped or until it loses its lease (then it exits with
 * {@value #EXIT_LEASE_LOST}); or, with {@code replay}, sends the dead letter's results to their sinks
 * again.
 */
public final class PipelineMain {

  static final String USAGE = """
      Usage: qperf-pipeline              run the pipeline (configured by QPERF_* environment variables)
             qperf-pipeline replay [--sink file|influxdb|slack]
                                         send the results in the dead-letter directory to their sinks again""";

  /** The exit status after losing the lease. */
  static final int EXIT_LEASE_LOST = 3;

  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config;
    try {
      config = PipelineConfig.fromMap(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("qperf-pipeline: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (args.length == 0) {
      run(config);
    } else if (args[0].equals("replay") && (args.length == 1
        || args.length == 3 && args[1].equals("--sink") && Sink.byId(args[2]).isPresent())) {
      System.exit(replay(config, args.length == 3 ? args[2] : null, System.out));
    } else if (args[0].equals("-h") || args[0].equals("--help")) {
      System.out.println(USAGE);
    } else {
      System.err.println("qperf-pipeline: unexpected arguments " + List.of(args) + "\n" + USAGE);
      System.exit(2);
    }
  }

  private static void run(PipelineConfig config) throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().build();
    Pipeline pipeline = new Pipeline(client, config, Clock.systemUTC(), Step.Listener.NONE, Map.of(), List.of());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pipeline.close();
      client.close();
    }, "qperf-pipeline-shutdown"));
    pipeline.start();
    pipeline.awaitStop();
    if (pipeline.lostLease()) {
      // Camel's, the client's and the elector's threads would keep a process that does nothing alive
      // (and its liveness probe green): exit, so that it is started again and stands for the lease anew.
      System.err.println("qperf-pipeline: lost the lease and stopped all work; exiting");
      client.close();
      System.exit(EXIT_LEASE_LOST);
    }
  }

  /** Prints one line per dead-letter document; 0 when every one was delivered. */
  static int replay(PipelineConfig config, String sink, PrintStream out) throws Exception {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      var outcomes = new DeadLetterReplay(new QperfCluster(client), config.sinks(), Clock.systemUTC(), Map.of()).replay(sink);
      if (outcomes.isEmpty()) {
        out.println("The dead letter (" + config.sinks().deadLetterDir() + ") is empty.");
        return 0;
      }
      outcomes.forEach(o -> out.println(o.file() + ": " + o.note()));
      long delivered = outcomes.stream().filter(DeadLetterReplay.Outcome::delivered).count();
      out.println(delivered + " of " + outcomes.size() + " delivered.");
      return delivered == outcomes.size() ? 0 : 1;
    }
  }
}

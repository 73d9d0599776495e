package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static org.awaitility.Awaitility.await;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.kubectlqperf.pipeline.config.SinkConfig;
import dev.kubectlqperf.pipeline.testing.ReconcileCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;

/** Starts pipelines against a (mock) API server and observes what they do. */
public final class PipelineFixture implements AutoCloseable {

  public static final String NS = "bench";
  private final KubernetesClient client;
  private final List<Pipeline> pipelines = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeLast = new CopyOnWriteArrayList<>();
  /** Every result any pipeline of this fixture published, in order. */
  public final List<QperfResult> published = new CopyOnWriteArrayList<>();

  /** Counts the reconciles of each {@code namespace/name} the fixture's pipelines have finished. */
  private final ReconcileCounter reconciles = new ReconcileCounter();

  /** Where the file sink of this fixture's pipelines writes, and their dead letter. */
  public final Path resultsDir;

  public PipelineFixture(KubernetesClient client) {
    this.client = client;
    try {
      resultsDir = Files.createTempDirectory("qperf-results");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperves.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Pipeline start(Map<String, String> env, Step.Listener steps) throws Exception {
    return start(client, env, steps);
  }

  /** A pipeline with a client of its own (e.g. to tell its requests from the test's). */
  public Pipeline start(KubernetesClient pipelineClient, Map<String, String> env, Step.Listener steps)
      throws Exception {
    return start(pipelineClient, env, Map.of(), steps);
  }

  /** A pipeline whose Camel properties the test sets on top of the fixture's own. */
  public Pipeline start(KubernetesClient pipelineClient, Map<String, String> env, Map<String, String> camel,
      Step.Listener steps) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of(PipelineConfig.NAMESPACES, NS, PipelineConfig.RESYNC_SECONDS, "1",
        PipelineConfig.UNSCHEDULABLE_GRACE_SECONDS, "1", PipelineConfig.SINKS, "file",
        SinkConfig.RESULTS_DIR, resultsDir.toString()));
    all.putAll(env);
    Map<String, String> properties = new HashMap<>(Map.of("qperf.results.uri", "direct:test-results",
        "camel.main.shutdownTimeout", "2"));
    properties.putAll(camel);
    Pipeline p = new Pipeline(pipelineClient, PipelineConfig.fromMap(all), Clock.systemUTC(), steps, properties,
        List.of(new RouteBuilder() {
          @Override
          public void configure() {
            getContext().getManagementStrategy().addEventNotifier(reconciles);
            from("direct:test-results").routeId("test-results")
                .process(e -> published.add(e.getMessage().getBody(QperfResult.class)));
          }
        }));
    p.start();
    pipelines.add(p);
    return p;
  }

  /**
   * Waits until the pipelines have reconciled {@code name} {@code passes} more times (resyncs
   * included): what a test needs to know that the pipeline has looked at a run again.
   */
  public void awaitReconciles(String name, int passes) {
    awaitReconciles(name, passes, () -> { });
  }

  /** Does {@code action}, then waits for {@code passes} reconciles of {@code name} that began after it. */
  public void awaitReconciles(String name, int passes, Runnable action) {
    reconciles.awaitAfter(NS + "/" + name, passes, Duration.ofSeconds(30), action);
  }

  public Pipeline start() throws Exception {
    return start(Map.of(), Step.Listener.NONE);
  }

  public Qperf create(String name, QperfSpec spec) {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    q.setSpec(spec);
    return client.resource(q).create();
  }

  public Qperf get(String name) {
    return client.resources(Qperf.class).inNamespace(NS).withName(name).get();
  }

  public Qperf awaitPhase(String name, QperfPhase phase) {
    await(name + " " + phase).atMost(Duration.ofSeconds(60)).until(() -> {
      Qperf q = get(name);
      return q != null && q.getStatus() != null && q.getStatus().getPhase() == phase;
    });
    return get(name);
  }

  public void awaitServerGone(String name) {
    await(name + " server deleted").atMost(Duration.ofSeconds(60)).until(() ->
        client.apps().deployments().inNamespace(NS).withName(name).get() == null
            && client.services().inNamespace(NS).withName(name).get() == null);
  }

  public void awaitExists(String what, java.util.function.Supplier<?> lookup) {
    await(what).atMost(Duration.ofSeconds(60)).until(() -> lookup.get() != null);
  }

  public List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
  }

  /** Closes {@code resource} once this fixture's pipelines are closed (e.g. a client of their own). */
  public void closeAfterPipelines(AutoCloseable resource) {
    closeLast.add(resource);
  }

  @Override
  public void close() {
    pipelines.forEach(Pipeline::close);
    for (AutoCloseable resource : closeLast) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    TempDirs.delete(resultsDir);
  }
}

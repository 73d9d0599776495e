package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.config.CamelProperties;
import dev.kubectlqperf.pipeline.k8s.DeliveryRecorder;
import dev.kubectlqperf.pipeline.k8s.EventRecorder;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import dev.kubectlqperf.pipeline.k8s.QperfEventSource;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.matrix.MatrixWork;
import dev.kubectlqperf.pipeline.metrics.PipelineMetrics;
import dev.kubectlqperf.pipeline.metrics.RunMetrics;
import dev.kubectlqperf.pipeline.metrics.ScheduleTrends;
import dev.kubectlqperf.pipeline.metrics.SinkMetrics;
import dev.kubectlqperf.pipeline.reconcile.Outbox;
import dev.kubectlqperf.pipeline.reconcile.QperfReconciler;
import dev.kubectlqperf.pipeline.reconcile.Step;
import dev.kubectlqperf.pipeline.route.ReconcileRoute;
import dev.kubectlqperf.pipeline.route.ResultRoute;
import dev.kubectlqperf.pipeline.route.ResyncRoute;
import dev.kubectlqperf.pipeline.route.RouteGateway;
import dev.kubectlqperf.pipeline.delivery.DeliveryGuard;
import dev.kubectlqperf.pipeline.delivery.DeliveryOutcomes;
import dev.kubectlqperf.pipeline.route.SinkSetup;
import dev.kubectlqperf.pipeline.schedule.ScheduleWork;
import dev.kubectlqperf.pipeline.work.WorkQueue;
import dev.kubectlqperf.pipeline.config.Sink;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.ShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline, assembled: Camel Main with one route per concern, the informer event source, the
 * work queue and the reconciler, started when this instance leads.
 *
 * <p>It stops all of its work at once and for good, closed or having lost the lease: informers,
 * work queue, and Camel with the sink routes and their pending retries. A delivery in flight gets
 * Camel's shutdown timeout to end and be recorded (after a lost lease, no longer than another
 * replica waits before it may take over); one cut short stays Pending for the next leader. On
 * close, the lease is released only after that, so no other replica acts while this one still does.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  /** The name under which camel-micrometer-prometheus finds the registry to serve and to add route metrics to. */
  private static final String METRICS_REGISTRY = "metricsRegistry";
  private final KubernetesClient client;
  private final PipelineConfig config;
  private final Clock clock;
  private final Step.Listener steps;
  private final Map<String, String> properties;
  private final List<RoutesBuilder> extraRoutes;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Main main;
  private WorkQueue queue;
  private QperfEventSource source;
  private MatrixWork matrices;
  private ScheduleWork schedules;
  private Leadership leadership;
  private SinkSetup sinks;
  private PrometheusMeterRegistry metrics;
  private volatile boolean working;
  private boolean stopping;
  private volatile boolean leaseLost;

  /**
   * @param properties Camel properties over those of the configuration and application.properties
   * @param extraRoutes further route builders (the sinks)
   */
  public Pipeline(KubernetesClient client, PipelineConfig config, Clock clock, Step.Listener steps,
      Map<String, String> properties, List<RoutesBuilder> extraRoutes) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.steps = steps;
    this.properties = properties;
    this.extraRoutes = extraRoutes;
  }

  public void start() throws Exception {
    main = new Main();
    addProperties();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    main.bind(METRICS_REGISTRY, metrics);
    QperfCluster cluster = new QperfCluster(client);
    DeliveryGuard guard = new DeliveryGuard();
    sinks = new SinkSetup(config.sinks(), clock, new DeliveryOutcomes(new DeliveryRecorder(cluster, clock), guard,
        config.sinks(), new SinkMetrics(metrics, config.sinks().enabled().stream().map(Sink::id).toList(),
            config.sinks().deadLetterDir())));
    RouteGateway routes = new RouteGateway(main);
    Outbox outbox = new Outbox(config.sinks(), routes, cluster, config.logRetryWindow(), clock);
    QperfReconciler reconciler = new QperfReconciler(cluster, new EventRecorder(cluster, clock), clock, config,
        outbox, steps);
    PipelineMetrics operator = new PipelineMetrics(metrics);
    queue = new WorkQueue(config.parallelism(), key -> operator.timeReconcile(() -> routes.reconcile(key)));
    operator.queueDepth(queue::depth);
    operator.leader(() -> working);
    source = new QperfEventSource(cluster, config, queue::add,
        new RunMetrics(metrics, config.metricsMaxSeries(), PipelineConfig.METRICS_MAX_SERIES));
    matrices = new MatrixWork(cluster, config, clock);
    schedules = new ScheduleWork(cluster, new ScheduleCalls(client), config, clock,
        new ScheduleTrends(metrics, config.metricsMaxSeries(), PipelineConfig.METRICS_MAX_SERIES));

    main.configure().addRoutesBuilder(new ResyncRoute(source, queue));
    main.configure().addRoutesBuilder(new ReconcileRoute(reconciler));
    main.configure().addRoutesBuilder(new ResultRoute(guard));
    sinks.addTo(main);
    extraRoutes.forEach(main.configure()::addRoutesBuilder);
    main.start();

    leadership = new Leadership(cluster, config, this::startWork, this::leadershipEnded);
    leadership.start();
  }

  /** Over application.properties: what the configuration implies, then the caller's own. */
  private void addProperties() {
    CamelProperties.of(config).forEach(main::addOverrideProperty);
    properties.forEach(main::addOverrideProperty);
  }

  private synchronized void startWork() {
    if (!working && !stopping) {
      working = true;
      queue.start();
      source.start();
      startUnlessNotInstalled(QperfMatrix.class, QperfMatrix.CRD_NAME, matrices::start);
      startUnlessNotInstalled(QperfSchedule.class, QperfSchedule.CRD_NAME, schedules::start);
    }
  }

  /**
   * Qperf runs need only the Qperf CRD (a cluster with Kubestone's alone still runs them): a kind
   * whose CRD is not installed is not watched, and the log says so once, with the fix. API
   * discovery is asked first, as an informer on a missing kind logs its failure as an error; the
   * CRD may still go in between.
   */
  private void startUnlessNotInstalled(Class<? extends HasMetadata> kind, String crdName, Runnable start) {
    try {
      if (client.supports(kind)) {
        start.run();
        return;
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
    }
    LOG.warn("the {} CRD is not installed: {} are not watched (kubectl apply -f crd/{}.yaml, then restart the "
        + "pipeline)", HasMetadata.getKind(kind), HasMetadata.getPlural(kind), crdName);
  }

  /**
   * The elector says this instance no longer leads. Unless it is closing, another replica may act
   * once {@link Leadership#HAND_OVER} has passed: everything stops now, off the elector's thread.
   */
  private void leadershipEnded() {
    synchronized (this) {
      if (stopping || leaseLost) {
        return; // closing, or already told (the elector may say it twice)
      }
      leaseLost = true;
    }
    LOG.warn("{} lost the lease: stopping all work (deliveries in flight get {} s)", config.identity(),
        Leadership.HAND_OVER.toSeconds());
    Thread.ofPlatform().name("qperf-lease-lost").start(this::stopAll);
  }

  /** Stops everything once; a second caller waits until the first is done. */
  private void stopAll() {
    boolean first;
    boolean wasWorking;
    synchronized (this) {
      first = !stopping;
      stopping = true;
      wasWorking = working;
      working = false;
    }
    if (!first) {
      awaitStopUninterruptibly();
      return;
    }
    try {
      if (wasWorking) {
        schedules.close();
        matrices.close();
        source.close();
        queue.close();
      }
      if (main != null) {
        if (leaseLost) {
          ShutdownStrategy shutdown = main.getCamelContext().getShutdownStrategy();
          shutdown.setTimeout(Math.min(shutdown.getTimeout(), Leadership.HAND_OVER.toSeconds()));
        }
        main.stop();
      }
      if (sinks != null) {
        sinks.close();
      }
      if (metrics != null) {
        metrics.close();
      }
    } finally {
      stopped.countDown();
    }
  }

  private void awaitStopUninterruptibly() {
    boolean interrupted = false;
    while (stopped.getCount() > 0) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until this instance has stopped all its work (closed, or the lease lost). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** @return false when the timeout passed first */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True once this instance stopped because it lost the lease (not because it was closed). */
  public boolean lostLease() {
    return leaseLost;
  }

  @Override
  public void close() {
    stopAll();
    if (leadership != null) {
      leadership.close();
    }
  }
}

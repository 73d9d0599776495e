package dev.kubectlqperf.e2e;

import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.testing.QperfServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays kubelet for the qperf pods bound to its nodes. Each qperf container (every container of a
 * pod, as for a run of parallel streams) runs as a real process on loopback with the container's
 * own command and arguments; two rewrites stand in for the pod network: a server container listens
 * on a port of its own instead of its control port (19765, 19767, …), and a client's service name
 * and control port point at the server container that listens for that control port. Pod status goes through the API; container logs are
 * served at the kubelet's path; a deleted pod's process is stopped and the deletion confirmed.
 */
final class NodeSimulator implements AutoCloseable {

  /** An image name holding this is one no registry has: its pods stay in ImagePullBackOff. */
  static final String MISSING_IMAGE = "no-such-image";

  private final KubernetesClient client;
  private final List<String> nodes;
  private final KubeletLogServer logs;
  private final Map<String, List<Process>> processes = new ConcurrentHashMap<>();
  /** Every pod ever started here: a late event with an old status must not start a pod again. */
  private final java.util.Set<String> started = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> serverPorts = new ConcurrentHashMap<>();
  private final Map<String, String> serverNodes = new ConcurrentHashMap<>();
  /** Client node + "\u0000" + server node → the loopback address its clients use instead of 127.0.0.1. */
  private final Map<String, String> paths = new ConcurrentHashMap<>();
  private final Map<String, String> podIps = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger nextIp = new java.util.concurrent.atomic.AtomicInteger(1);
  private final ExecutorService work = Executors.newCachedThreadPool();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
  private SharedIndexInformer<Pod> pods;

  NodeSimulator(KubernetesClient client, List<String> nodes, KubeletLogServer logs) {
    this.client = client;
    this.nodes = nodes;
    this.logs = logs;
  }

  /**
   * Clients on {@code srcNode} reach servers on {@code dstNode} through {@code loopback} (any
   * 127.x.y.z reaches the same server), so a {@link RateShaper} on that address slows this one
   * ordered pair and nothing else.
   */
  void path(String srcNode, String dstNode, String loopback) {
    paths.put(srcNode + "\u0000" + dstNode, loopback);
  }

  void start() {
    for (String node : nodes) {
      // Another test class on the same control plane may have played these nodes before.
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
          .addToLabels("kubernetes.io/hostname", node).endMetadata().build())
          .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }
    heartbeat.scheduleAtFixedRate(this::beat, 0, 10, TimeUnit.SECONDS);
    pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        work.execute(() -> handle(pod));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        work.execute(() -> handle(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        stop(key(pod));
      }
    });
  }

  /** True once every node reports Ready, which the scheduler waits for. */
  boolean nodesReady() {
    return nodes.stream().map(n -> client.nodes().withName(n).get()).allMatch(n -> n != null && n.getStatus() != null
        && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  /** What one client pod printed (its container log). */
  String clientLog(String namespace, String pod) {
    return clientLog(namespace, pod, QperfResources.CLIENT_CONTAINER);
  }

  /** What one container of a client pod printed. */
  String clientLog(String namespace, String pod, String container) {
    return logs.log(namespace, pod, container).toString();
  }

  private void beat() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (String node : nodes) {
      try {
        client.nodes().withName(node).editStatus(n -> {
          if (n.getStatus() == null) {
            n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
          }
          NodeCondition ready = new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
              .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
          n.getStatus().setConditions(List.of(ready));
          n.getStatus().setAddresses(List.of(new io.fabric8.kubernetes.api.model.NodeAddress("127.0.0.1", "InternalIP")));
          n.getStatus().setDaemonEndpoints(new io.fabric8.kubernetes.api.model.NodeDaemonEndpointsBuilder()
              .withNewKubeletEndpoint().withPort(logs.port()).endKubeletEndpoint().build());
          Map<String, Quantity> resources = Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi"),
              "pods", new Quantity("110"));
          n.getStatus().setCapacity(resources);
          n.getStatus().setAllocatable(resources);
          return n;
        });
      } catch (RuntimeException e) {
        // the next beat retries (a periodic task that throws would never run again)
      }
    }
  }

  private void handle(Pod pod) {
    String key = key(pod);
    if (pod.getSpec().getNodeName() == null || !nodes.contains(pod.getSpec().getNodeName())) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      stop(key);
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .withGracePeriod(0).delete();
      return;
    }
    if (pod.getSpec().getContainers().get(0).getImage().contains(MISSING_IMAGE)) {
      if (started.add(key)) {
        setStatus(pod, imagePullBackOff(pod.getSpec().getContainers().get(0).getImage()), "Pending");
      }
      return;
    }
    String component = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(QperfResources.LABEL_COMPONENT);
    if (component == null || isTerminated(pod) || !started.add(key)) {
      return;
    }
    synchronized (this) {
      try {
        if (component.equals(QperfResources.COMPONENT_SERVER)) {
          runServer(pod, key);
        } else {
          runClient(pod, key);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private void runServer(Pod pod, String key) throws IOException {
    String instance = pod.getMetadata().getLabels().get(QperfResources.LABEL_INSTANCE);
    List<Process> started = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      List<String> command = command(container);
      int at = command.indexOf("--listen_port") + 1;
      int port = QperfServer.freePort();
      serverPorts.put(pod.getMetadata().getNamespace() + "/" + instance + "/" + command.get(at), port);
      command.set(at, String.valueOf(port));
      started.add(start(pod, key, command, container.getName()).process());
      ports.add(port);
    }
    serverNodes.put(pod.getMetadata().getNamespace() + "/" + instance, String.valueOf(pod.getSpec().getNodeName()));
    ports.forEach(NodeSimulator::waitForListener);
    setStatus(pod, statuses(pod, i -> running(true)), "Running");
    if (started.stream().anyMatch(p -> !p.isAlive())) {
      boolean allEnded = started.stream().noneMatch(Process::isAlive);
      setStatus(pod, statuses(pod, i -> started.get(i).isAlive() ? running(true)
          : terminated(started.get(i).exitValue(), null)), allEnded ? phase(started) : "Running");
    }
  }

  /** Every client container at once, as a kubelet starts a pod's containers in one pass. */
  private void runClient(Pod pod, String key) throws IOException {
    List<Started> started = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      List<String> command = command(container);
      int service = container.getCommand().size();
      int at = command.indexOf("--listen_port") + 1;
      String server = pod.getMetadata().getNamespace() + "/" + command.get(service);
      Integer port = serverPorts.get(server + "/" + command.get(at));
      if (port != null) {
        command.set(service, paths.getOrDefault(pod.getSpec().getNodeName() + "\u0000" + serverNodes.get(server), "127.0.0.1"));
        command.set(at, String.valueOf(port));
      }
      started.add(start(pod, key, command, container.getName()));
    }
    setStatus(pod, statuses(pod, i -> running(false)), "Running");
    work.execute(() -> {
      try {
        for (Started s : started) {
          s.process().waitFor();
          s.logged().join(); // like a kubelet: the log is complete once the container has ended
        }
        processes.remove(key);
        List<Process> ended = started.stream().map(Started::process).toList();
        setStatus(pod, statuses(pod, i -> terminated(ended.get(i).exitValue(), started.get(i).at())), phase(ended));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static String phase(List<Process> ended) {
    return ended.stream().allMatch(p -> !p.isAlive() && p.exitValue() == 0) ? "Succeeded" : "Failed";
  }

  private static List<ContainerStatus> statuses(Pod pod, java.util.function.IntFunction<ContainerStatus> of) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (int i = 0; i < pod.getSpec().getContainers().size(); i++) {
      ContainerStatus status = of.apply(i);
      status.setName(pod.getSpec().getContainers().get(i).getName());
      statuses.add(status);
    }
    return statuses;
  }

  /** A container's process, when it started, and a future that completes when its output is all in the log. */
  private record Started(Process process, Instant at, java.util.concurrent.CompletableFuture<Void> logged) {}

  private Started start(Pod pod, String key, List<String> command, String container) throws IOException {
    Instant at = Instant.now();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(p);
    StringBuffer log = logs.log(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container);
    return new Started(p, at, java.util.concurrent.CompletableFuture.runAsync(() -> copy(p.getInputStream(), log), work));
  }

  private static void copy(InputStream in, StringBuffer log) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static List<String> command(Container container) {
    List<String> command = new ArrayList<>(container.getCommand());
    command.addAll(container.getArgs());
    return command;
  }

  private static void waitForListener(int port) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> listening(port));
  }

  private static boolean listening(int port) throws IOException {
    String hex = String.format(":%04X ", port);
    for (String table : List.of("/proc/net/tcp6", "/proc/net/tcp")) {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
        if (line.contains(hex) && line.trim().split("\\s+")[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }

  private static ContainerStatus running(boolean ready) {
    return new ContainerStatusBuilder().withName("c").withReady(ready).withRestartCount(0).withImage("qperf")
        .withImageID("qperf").withStarted(true).withNewState().withNewRunning()
        .withStartedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).endRunning().endState().build();
  }

  private static ContainerStatus imagePullBackOff(String image) {
    return new ContainerStatusBuilder().withName("c").withReady(false).withRestartCount(0).withImage(image)
        .withImageID("").withNewState().withNewWaiting().withReason("ImagePullBackOff")
        .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState().build();
  }

  private static ContainerStatus terminated(int exit, Instant startedAt) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String started = startedAt == null ? now : startedAt.truncatedTo(ChronoUnit.SECONDS).toString();
    return new ContainerStatusBuilder().withName("c").withReady(false).withRestartCount(0).withImage("qperf")
        .withImageID("qperf").withNewState().withNewTerminated().withExitCode(exit)
        .withReason(exit == 0 ? "Completed" : "Error").withStartedAt(started).withFinishedAt(now).endTerminated()
        .endState().build();
  }

  private void setStatus(Pod pod, ContainerStatus container, String phase) {
    container.setName(pod.getSpec().getContainers().get(0).getName());
    setStatus(pod, List.of(container), phase);
  }

  private void setStatus(Pod pod, List<ContainerStatus> containers, String phase) {
    boolean ready = containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<PodCondition> conditions = List.of(
        condition("PodScheduled", true, now), condition("Initialized", true, now),
        condition("ContainersReady", ready, now), condition("Ready", ready, now));
    // Endpoints may not hold loopback addresses, so pods get addresses of their own; no traffic goes
    // there (clients are pointed at 127.0.0.1 by this simulator).
    String podIp = podIps.computeIfAbsent(key(pod), k -> "10.200." + (nextIp.get() / 250) + "." + (nextIp.getAndIncrement() % 250 + 1));
    PodStatus status = new PodStatusBuilder().withPhase(phase).withHostIP("127.0.0.1").withPodIP(podIp)
        .withPodIPs(new io.fabric8.kubernetes.api.model.PodIP(podIp)).withStartTime(now)
        .withConditions(conditions).withContainerStatuses(containers).build();
    // A kubelet keeps trying until the API server takes the status (it may be restarting).
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).pollInterval(java.time.Duration.ofMillis(200))
        .ignoreExceptions().until(() -> {
          try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> {
                  p.setStatus(status);
                  return p;
                });
          } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
              throw e;
            }
          }
          return true;
        });
  }

  private static PodCondition condition(String type, boolean status, String now) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").withLastTransitionTime(now)
        .build();
  }

  private static boolean isTerminated(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private void stop(String key) {
    List<Process> stopped = processes.remove(key);
    if (stopped != null) {
      stopped.forEach(Process::destroy);
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    heartbeat.shutdownNow();
    List<Process> all = processes.values().stream().flatMap(List::stream).toList();
    all.forEach(Process::destroy);
    all.forEach(p -> {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    work.shutdownNow();
  }
}

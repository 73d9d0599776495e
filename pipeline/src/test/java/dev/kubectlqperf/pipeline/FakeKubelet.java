package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfManifests;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;

/**
 * Plays, against the fabric8 mock API server, the parts a real cluster has and the mock lacks:
 * the Deployment controller, the endpoints controller and the kubelet.
 */
public final class FakeKubelet {

  public static final String SERVER_NODE = "node-a";
  public static final String CLIENT_NODE = "node-b";
  private static final String SERVER_IP = "10.1.0.5";
  private final KubernetesClient client;
  private final KubernetesMockServer server;

  public FakeKubelet(KubernetesClient client, KubernetesMockServer server) {
    this.client = client;
    this.server = server;
  }

  /** A running, ready server pod, an available Deployment and an Endpoints address; after a restart, the new pod. */
  public void serverReady(String ns, String name) {
    serverUp(ns, name, true);
  }

  /**
   * The server's container runs, its readiness probe has not passed yet, and its headless Service
   * publishes its address already (publishNotReadyAddresses).
   */
  public void serverStarted(String ns, String name) {
    serverUp(ns, name, false);
  }

  private void serverUp(String ns, String name, boolean ready) {
    Qperf qperf = client.resources(Qperf.class).inNamespace(ns).withName(name).get();
    Pod pod = serverPod(qperf, "Running", ready ? List.of(READY) : List.of());
    pod.getStatus().setPodIP(SERVER_IP);
    pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("server").withReady(ready)
        .withNewState().withNewRunning().endRunning().endState().build()));
    client.resource(pod).createOr(NonDeletingOperation::update);
    int available = ready ? 1 : 0;
    try {
      client.apps().deployments().inNamespace(ns).withName(name).editStatus(d -> {
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(1).withReadyReplicas(available).withAvailableReplicas(available).build());
        return d;
      });
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e; // else the pipeline removed the server meanwhile
      }
    }
    if (client.endpoints().inNamespace(ns).withName(name).get() == null) {
      client.resource(new EndpointsBuilder().withNewMetadata().withNamespace(ns).withName(name)
          .withLabels(QperfResources.objectLabels(qperf, QperfResources.COMPONENT_SERVER)).endMetadata()
          .addNewSubset().addNewAddress().withIp(SERVER_IP).endAddress()
          .addNewPort().withName("qperf").withPort(19765).endPort().endSubset().build()).create();
    }
  }

  /** A server pod that cannot start: its container waits with this reason. */
  public void serverWaiting(String ns, String name, String reason) {
    Qperf qperf = client.resources(Qperf.class).inNamespace(ns).withName(name).get();
    Pod pod = serverPod(qperf, "Pending", List.of());
    pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("server")
        .withImage(qperf.getSpec().imageName()).withNewState().withNewWaiting().withReason(reason)
        .withMessage("Back-off pulling image").endWaiting().endState().build()));
    client.resource(pod).create();
  }

  public void serverUnschedulable(String ns, String name, Instant since) {
    Qperf qperf = client.resources(Qperf.class).inNamespace(ns).withName(name).get();
    client.resource(serverPod(qperf, "Pending", List.of(new PodConditionBuilder().withType("PodScheduled")
        .withStatus("False").withReason("Unschedulable").withMessage("0/3 nodes are available")
        .withLastTransitionTime(since.toString()).build()))).create();
  }

  /** The client container ran: its log is served at the kubelet's path, its exit code set. */
  public void clientEnded(String ns, String podName, int exitCode, String log) {
    serveLog(ns, podName, log);
    markEnded(ns, podName, exitCode);
  }

  private void markEnded(String ns, String podName, int exitCode) {
    bind(ns, podName);
    client.pods().inNamespace(ns).withName(podName).editStatus(p -> {
      ensureStatus(p).setPhase(exitCode == 0 ? "Succeeded" : "Failed");
      p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("client")
          .withNewState().withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
          .withFinishedAt(Instant.now().toString()).endTerminated().endState().build()));
      return p;
    });
  }

  /** Every container (stream) of a client pod ran: each log served at its container's path, each exit code set. */
  public void streamsEnded(String ns, String podName, java.util.Map<String, Integer> exitCodes,
      java.util.Map<String, String> logs) {
    logs.forEach((container, log) -> {
      for (String query : List.of("?pretty=false&container=" + container, "?container=" + container + "&pretty=false")) {
        server.expect().get().withPath(logPath(ns, podName) + query).andReturn(200, log).always();
      }
    });
    bind(ns, podName);
    boolean ok = exitCodes.values().stream().allMatch(c -> c == 0);
    client.pods().inNamespace(ns).withName(podName).editStatus(p -> {
      ensureStatus(p).setPhase(ok ? "Succeeded" : "Failed");
      p.getStatus().setContainerStatuses(exitCodes.entrySet().stream().map(e -> new ContainerStatusBuilder()
          .withName(e.getKey()).withNewState().withNewTerminated().withExitCode(e.getValue())
          .withReason(e.getValue() == 0 ? "Completed" : "Error").withFinishedAt(Instant.now().toString())
          .endTerminated().endState().build()).toList());
      return p;
    });
  }

  /**
   * The client container ended, but its log answers {@code code} for the first {@code failures}
   * reads (a kubelet that does not answer, a deleted pod), then {@code log} (null: never).
   */
  public void clientEndedLogFailing(String ns, String podName, int exitCode, String log, int code, int failures) {
    for (String query : LOG_QUERIES) {
      var failing = server.expect().get().withPath(logPath(ns, podName) + query).andReturn(code,
          "{\"kind\":\"Status\",\"code\":" + code + ",\"message\":\"kubelet does not answer\"}");
      if (failures < 0) {
        failing.always();
      } else {
        failing.times(failures);
      }
    }
    if (log != null) {
      serveLog(ns, podName, log);
    }
    markEnded(ns, podName, exitCode);
  }

  /** The client container ended; its log is served once (the next pod of that name prints something else). */
  public void clientEndedOnce(String ns, String podName, int exitCode, String log) {
    for (String query : LOG_QUERIES) {
      server.expect().get().withPath(logPath(ns, podName) + query).andReturn(200, log).once();
    }
    markEnded(ns, podName, exitCode);
  }

  public void clientRunning(String ns, String podName) {
    bind(ns, podName);
    client.pods().inNamespace(ns).withName(podName).editStatus(p -> {
      ensureStatus(p).setPhase("Running");
      p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("client")
          .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build()));
      return p;
    });
  }

  public void clientWaiting(String ns, String podName, String reason) {
    client.pods().inNamespace(ns).withName(podName).editStatus(p -> {
      ensureStatus(p).setPhase("Pending");
      p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("client").withImage("x")
          .withNewState().withNewWaiting().withReason(reason).endWaiting().endState().build()));
      return p;
    });
  }

  /** What the scheduler does: put the pod on a node. */
  private void bind(String ns, String podName) {
    client.pods().inNamespace(ns).withName(podName).edit(p -> {
      p.getSpec().setNodeName(CLIENT_NODE);
      return p;
    });
  }

  private static io.fabric8.kubernetes.api.model.PodStatus ensureStatus(Pod pod) {
    if (pod.getStatus() == null) {
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    }
    return pod.getStatus();
  }

  private static final List<String> LOG_QUERIES =
      List.of("?pretty=false&container=client", "?container=client&pretty=false", "?pretty=false");

  private void serveLog(String ns, String podName, String log) {
    for (String query : LOG_QUERIES) {
      server.expect().get().withPath(logPath(ns, podName) + query).andReturn(200, log).always();
    }
  }

  private static String logPath(String ns, String podName) {
    return "/api/v1/namespaces/" + ns + "/pods/" + podName + "/log";
  }

  private static final PodCondition READY = new PodConditionBuilder().withType("Ready").withStatus("True").build();

  private static Pod serverPod(Qperf qperf, String phase, List<PodCondition> conditions) {
    var template = QperfManifests.serverDeployment(qperf).getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata().withNamespace(qperf.getMetadata().getNamespace())
          .withName(qperf.getMetadata().getName() + "-server-0").withLabels(template.getMetadata().getLabels())
        .endMetadata()
        .withSpec(template.getSpec())
        .editSpec().withNodeName(phase.equals("Running") ? SERVER_NODE : null).endSpec()
        .withNewStatus().withPhase(phase).withConditions(conditions).endStatus()
        .build();
  }
}

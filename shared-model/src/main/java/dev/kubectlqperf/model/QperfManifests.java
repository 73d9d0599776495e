package dev.kubectlqperf.model;

import dev.kubectlqperf.model.qperf.OptionSplitter;
import dev.kubectlqperf.model.qperf.StreamStart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** Pure functions from a Qperf to the objects it owns. No client, no I/O. */
public final class QperfManifests {

  /** The image runs as root unless told otherwise; qperf needs no privileges (ports above 1024). */
  static final long NON_ROOT_UID = 65534;
  static final String QPERF_BINARY = "qperf";

  private QperfManifests() {}

  /** One server container per stream, each listening on its own control port; one Deployment owns them all. */
  public static Deployment serverDeployment(Qperf qperf) {
    QperfConfiguration server = qperf.getSpec().server();
    Map<String, String> podLabels = QperfResources.podLabels(qperf, QperfResources.COMPONENT_SERVER, server.podLabelsOrEmpty());
    List<Container> containers = IntStream.rangeClosed(1, qperf.parallel()).mapToObj(i -> serverContainer(qperf, i)).toList();
    return new DeploymentBuilder()
        .withMetadata(metadata(qperf, QperfResources.serverName(qperf), QperfResources.COMPONENT_SERVER, Map.of()))
        .withNewSpec()
          .withReplicas(1)
          .withNewSelector().withMatchLabels(QperfResources.serverSelector(qperf)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(podLabels).withAnnotations(nullIfEmpty(server.annotationsOrEmpty())).endMetadata()
            .withSpec(podSpec(qperf, server, containers, "Always"))
          .endTemplate()
        .endSpec()
        .build();
  }

  private static Container serverContainer(Qperf qperf, int stream) {
    int port = QperfResources.controlPort(stream);
    return new ContainerBuilder()
        .withName(QperfResources.streamContainer(QperfResources.SERVER_CONTAINER, stream))
        .withImage(qperf.getSpec().imageName())
        .withImagePullPolicy(pullPolicy(qperf))
        .withCommand(QPERF_BINARY)
        .withArgs("--listen_port", String.valueOf(port))
        .withPorts(serverPorts(qperf, stream))
        .withReadinessProbe(readinessProbe(port))
        .withResources(qperf.getSpec().server().resources())
        .withSecurityContext(containerSecurityContext())
        .build();
  }

  /**
   * A Service of the asked family only: a headless one resolves to the server's address of that
   * family, a ClusterIP one to a virtual IP of it, so qperf's getaddrinfo finds only that family.
   * Without a family the Service is as before: the API server gives it the cluster's primary one.
   * A headless Service publishes the server's address before its readiness probe passes, so that
   * the first client may start while the server becomes ready; kube-proxy behind a ClusterIP one
   * routes only to ready servers either way.
   */
  public static Service serverService(Qperf qperf) {
    boolean headless = qperf.getSpec().effectiveServiceType() == ServiceType.Headless;
    IpFamily family = qperf.getSpec().ipFamily();
    List<ServicePort> ports = new ArrayList<>();
    for (int i = 1; i <= qperf.parallel(); i++) {
      ports.add(servicePort(QperfResources.portName("qperf", i), "TCP", QperfResources.controlPort(i)));
      if (!headless) {
        int data = QperfResources.dataPort(qperf.getSpec(), i);
        ports.add(servicePort(QperfResources.portName("data-tcp", i), "TCP", data));
        ports.add(servicePort(QperfResources.portName("data-udp", i), "UDP", data));
      }
    }
    return new ServiceBuilder()
        .withMetadata(metadata(qperf, QperfResources.serverName(qperf), QperfResources.COMPONENT_SERVER, Map.of()))
        .withNewSpec()
          .withClusterIP(headless ? "None" : null)
          .withSelector(QperfResources.serverSelector(qperf))
          .withPorts(ports)
          .withPublishNotReadyAddresses(headless)
          .withIpFamilies(family == null ? null : List.of(family.name()))
          .withIpFamilyPolicy(family == null ? null : SINGLE_STACK)
        .endSpec()
        .build();
  }

  static final String SINGLE_STACK = "SingleStack";

  /**
   * The client pod of one repetition: one container per stream, so that the streams start together
   * (one kubelet starts them in one pass) on one node, and a repetition stays one pod.
   */
  public static Pod clientPod(Qperf qperf, int repetition) {
    QperfConfiguration client = qperf.getSpec().client();
    Map<String, String> annotations = client.annotationsOrEmpty();
    List<Container> containers = IntStream.rangeClosed(1, qperf.parallel()).mapToObj(i -> clientContainer(qperf, i)).toList();
    ObjectMeta meta = metadata(qperf, QperfResources.clientPodName(qperf, repetition), QperfResources.COMPONENT_CLIENT, annotations);
    Map<String, String> labels = QperfResources.podLabels(qperf, QperfResources.COMPONENT_CLIENT, client.podLabelsOrEmpty());
    labels.put(QperfResources.LABEL_REPETITION, String.valueOf(repetition));
    meta.setLabels(labels);
    PodSpec spec = podSpec(qperf, client, containers, "Never");
    // A safety net if the pipeline is down: the kubelet ends a client that outlives the run.
    spec.setActiveDeadlineSeconds(qperf.getSpec().effectiveTimeoutSeconds());
    return new PodBuilder().withMetadata(meta).withSpec(spec).build();
  }

  /** A stream's client; with several streams, it first prints when it started ({@link StreamStart}). */
  private static Container clientContainer(Qperf qperf, int stream) {
    return new ContainerBuilder()
        .withName(QperfResources.streamContainer(QperfResources.CLIENT_CONTAINER, stream))
        .withImage(qperf.getSpec().imageName())
        .withImagePullPolicy(pullPolicy(qperf))
        .withCommand(qperf.parallel() == 1 ? List.of(QPERF_BINARY) : StreamStart.command())
        .withArgs(clientArgs(qperf, stream))
        .withResources(qperf.getSpec().client().resources())
        .withSecurityContext(containerSecurityContext())
        .build();
  }

  public static Pod clientPod(Qperf qperf) {
    return clientPod(qperf, 1);
  }

  /**
   * {@code <service> --listen_port 19765 [--ip_port P] <options…> <tests…>}: Kubestone's order, so
   * options apply to every test (qperf reads its arguments left to right).
   */
  public static List<String> clientArgs(Qperf qperf) {
    return clientArgs(qperf, 1);
  }

  /** The arguments of stream {@code stream}'s client: its server's control port and, pinned, its data port. */
  public static List<String> clientArgs(Qperf qperf, int stream) {
    QperfSpec spec = qperf.getSpec();
    List<String> args = new ArrayList<>();
    args.add(QperfResources.serverName(qperf));
    args.add("--listen_port");
    args.add(String.valueOf(QperfResources.controlPort(stream)));
    if (spec.effectiveServiceType() == ServiceType.ClusterIP) {
      args.add("--ip_port");
      args.add(String.valueOf(QperfResources.dataPort(spec, stream)));
    }
    args.addAll(OptionSplitter.split(spec.options()));
    args.addAll(spec.testsOrEmpty());
    return args;
  }

  /**
   * Ready when a socket listens on the control port, read from /proc/net/tcp{,6} (state 0A =
   * LISTEN). A TCP probe would connect and hang up, and the qperf server logs an error for every
   * such connection; this check never touches the server.
   */
  public static List<String> readinessCommand(int port) {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    String pattern = "^ *[0-9]+: [0-9A-F]+:" + hexPort + " [0-9A-F]+:0000 0A ";
    return List.of("sh", "-c", "grep -sqE '" + pattern + "' /proc/net/tcp6 /proc/net/tcp");
  }

  private static Probe readinessProbe(int port) {
    return new ProbeBuilder()
        .withNewExec().withCommand(readinessCommand(port)).endExec()
        .withPeriodSeconds(1)
        .withTimeoutSeconds(2)
        .withFailureThreshold(3)
        .build();
  }

  private static List<ContainerPort> serverPorts(Qperf qperf, int stream) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(containerPort(QperfResources.portName("qperf", stream), QperfResources.controlPort(stream), "TCP"));
    if (qperf.getSpec().effectiveServiceType() == ServiceType.ClusterIP) {
      int data = QperfResources.dataPort(qperf.getSpec(), stream);
      ports.add(containerPort(QperfResources.portName("data-tcp", stream), data, "TCP"));
      ports.add(containerPort(QperfResources.portName("data-udp", stream), data, "UDP"));
    }
    return ports;
  }

  private static ContainerPort containerPort(String name, int port, String protocol) {
    return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol(protocol).build();
  }

  private static ServicePort servicePort(String name, String protocol, int port) {
    return new ServicePortBuilder().withName(name).withProtocol(protocol).withPort(port).build();
  }

  static final long TERMINATION_GRACE_SECONDS = 1;

  private static PodSpec podSpec(Qperf qperf, QperfConfiguration side, List<Container> containers, String restartPolicy) {
    PodScheduling scheduling = side.scheduling();
    boolean hostNetwork = side.usesHostNetwork();
    return new PodSpecBuilder()
        .withContainers(containers)
        .withRestartPolicy(restartPolicy)
        .withImagePullSecrets(pullSecrets(qperf))
        .withAffinity(scheduling.affinity())
        .withTolerations(scheduling.tolerations())
        .withNodeSelector(scheduling.nodeSelector())
        .withNodeName(scheduling.nodeName())
        .withHostNetwork(hostNetwork ? Boolean.TRUE : null)
        // On the host network the pod would use the node's resolver and miss the service name.
        .withDnsPolicy(hostNetwork ? "ClusterFirstWithHostNet" : null)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        // qperf runs as PID 1 without a SIGTERM handler: a grace period only keeps a deleted pod Terminating.
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        .withSecurityContext(new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .build())
        .build();
  }

  public static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  private static ObjectMeta metadata(Qperf qperf, String name, String component, Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(qperf.getMetadata().getNamespace())
        .withLabels(QperfResources.objectLabels(qperf, component))
        .withAnnotations(nullIfEmpty(annotations))
        .withOwnerReferences(QperfResources.ownerReferences(qperf))
        .build();
  }

  private static List<LocalObjectReference> pullSecrets(Qperf qperf) {
    ImageSpec image = qperf.getSpec().image();
    if (image == null || image.pullSecret() == null || image.pullSecret().isBlank()) {
      return List.of();
    }
    return List.of(new LocalObjectReference(image.pullSecret()));
  }

  private static String pullPolicy(Qperf qperf) {
    ImageSpec image = qperf.getSpec().image();
    return image == null || image.pullPolicy() == null || image.pullPolicy().isBlank() ? null : image.pullPolicy();
  }

  private static Map<String, String> nullIfEmpty(Map<String, String> map) {
    return map.isEmpty() ? null : map;
  }
}

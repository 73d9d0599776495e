package dev.kubectlqperf.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names and labels of the objects a run owns; used by the pipeline, the plugin and tests. */
public final class QperfResources {

  public static final String LABEL_NAME = "app.kubernetes.io/name";
  public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  /** Ties an object to one run, even when a CR of the same name is deleted and re-created. */
  public static final String LABEL_RUN_UID = Qperf.GROUP + "/run-uid";
  /** The repetition a client pod runs (1-based). */
  public static final String LABEL_REPETITION = Qperf.GROUP + "/repetition";

  /** Matrix children: the matrix, the pair's nodes and zones, the scenario (values made valid by {@link KubeNames#labelValue}). */
  public static final String LABEL_MATRIX = Qperf.GROUP + "/matrix";
  public static final String LABEL_MATRIX_UID = Qperf.GROUP + "/matrix-uid";
  /** Schedule children (runs): the schedule's name; the Prometheus gauges key on it too. */
  public static final String LABEL_SCHEDULE = Qperf.GROUP + "/schedule";
  /** The due time a schedule's run was created for (an ISO-8601 instant). */
  public static final String ANNOTATION_SCHEDULED_TIME = Qperf.GROUP + "/scheduled-time";
  public static final String LABEL_SRC_NODE = Qperf.GROUP + "/src-node";
  public static final String LABEL_DST_NODE = Qperf.GROUP + "/dst-node";
  public static final String LABEL_SRC_ZONE = Qperf.GROUP + "/src-zone";
  public static final String LABEL_DST_ZONE = Qperf.GROUP + "/dst-zone";
  public static final String LABEL_SCENARIO = Qperf.GROUP + "/scenario";
  /** The full node names of a matrix child, which its labels may have to shorten. */
  public static final String ANNOTATION_SRC_NODE = Qperf.GROUP + "/src-node";
  public static final String ANNOTATION_DST_NODE = Qperf.GROUP + "/dst-node";

  public static final String APP = "qperf";
  public static final String MANAGER = "kubectl-qperf";
  public static final String COMPONENT_SERVER = "server";
  public static final String COMPONENT_CLIENT = "client";
  public static final String SERVER_CONTAINER = "server";
  public static final String CLIENT_CONTAINER = "client";

  private QperfResources() {}

  /** The server Deployment and Service share the CR's name; the client resolves it through DNS. */
  public static String serverName(Qperf qperf) {
    return qperf.getMetadata().getName();
  }

  /**
   * The client Pod of the first repetition is {@code <name>-client} (as in Kubestone); later ones
   * are {@code <name>-client-<n>}. Never equal to the service name: a pod whose hostname equals the
   * name it looks up would resolve to itself.
   */
  public static String clientPodName(Qperf qperf, int repetition) {
    String base = qperf.getMetadata().getName() + "-client";
    return repetition <= 1 ? base : base + "-" + repetition;
  }

  public static String clientPodName(Qperf qperf) {
    return clientPodName(qperf, 1);
  }

  /**
   * The container of stream {@code stream} (1-based) of a side: {@code client}/{@code server} for
   * the first, as in a run of one stream, then {@code client-2}, {@code server-2}, …
   */
  public static String streamContainer(String side, int stream) {
    return stream <= 1 ? side : side + "-" + stream;
  }

  /** The client containers of a run, one per stream, in stream order. */
  public static List<String> clientContainers(Qperf qperf) {
    return java.util.stream.IntStream.rangeClosed(1, qperf.parallel())
        .mapToObj(i -> streamContainer(CLIENT_CONTAINER, i)).toList();
  }

  /** The stream a container runs, from its name; 1 for the first stream's plain name. */
  public static int streamOf(String container) {
    int dash = container == null ? -1 : container.lastIndexOf('-');
    try {
      return dash < 0 ? 1 : Integer.parseInt(container.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * The qperf control port of stream {@code stream}: 19765, 19767, 19769, … Odd offsets stay free
   * for the pinned data ports of a ClusterIP run (19766, 19768, …), so the defaults never collide.
   */
  public static int controlPort(int stream) {
    return QperfDefaults.CONTROL_PORT + 2 * (stream - 1);
  }

  /** The pinned data port of stream {@code stream} of a ClusterIP run: spec.dataPort, +2 per stream. */
  public static int dataPort(QperfSpec spec, int stream) {
    return spec.effectiveDataPort() + 2 * (stream - 1);
  }

  /** A port's name for stream {@code stream}: {@code base} for the first, {@code base-N} after (at most 15 characters). */
  public static String portName(String base, int stream) {
    return stream <= 1 ? base : base + "-" + stream;
  }

  /** The repetition a client pod runs, from its label; 1 for a pod without one. */
  public static int repetitionOf(Pod pod) {
    String label = pod.getMetadata() == null || pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(LABEL_REPETITION);
    try {
      return label == null ? 1 : Integer.parseInt(label);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Labels that select the client pods of this run (of every repetition), and of no earlier run of the name. */
  public static Map<String, String> clientSelector(Qperf qperf) {
    return objectLabels(qperf, COMPONENT_CLIENT);
  }

  /**
   * Labels that select the server pods: never overridable by user labels, and carrying the run uid
   * so that a re-created CR of the same name never sees the pods of the earlier run.
   */
  public static Map<String, String> serverSelector(Qperf qperf) {
    return objectLabels(qperf, COMPONENT_SERVER);
  }

  /** Labels every owned object of one component carries. */
  public static Map<String, String> builtInLabels(Qperf qperf, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_NAME, APP);
    labels.put(LABEL_INSTANCE, qperf.getMetadata().getName());
    labels.put(LABEL_COMPONENT, component);
    labels.put(LABEL_MANAGED_BY, MANAGER);
    return labels;
  }

  /** Built-in labels plus the run uid when the CR has one (it has none before creation). */
  public static Map<String, String> objectLabels(Qperf qperf, String component) {
    Map<String, String> labels = builtInLabels(qperf, component);
    String uid = qperf.getMetadata().getUid();
    if (uid != null && !uid.isBlank()) {
      labels.put(LABEL_RUN_UID, uid);
    }
    return labels;
  }

  /** User pod labels first, then ours on top, so a user label can never break a selector. */
  public static Map<String, String> podLabels(Qperf qperf, String component, Map<String, String> userLabels) {
    Map<String, String> labels = new LinkedHashMap<>(userLabels);
    labels.putAll(objectLabels(qperf, component));
    return labels;
  }

  /** Selects every object that belongs to the named run. */
  public static Map<String, String> instanceSelector(String qperfName) {
    return Map.of(LABEL_NAME, APP, LABEL_INSTANCE, qperfName, LABEL_MANAGED_BY, MANAGER);
  }

  /**
   * Whether {@code object} belongs to this run: it carries our labels for this name AND an owner
   * reference to the run's uid. The pipeline changes and deletes nothing else, whatever its name.
   */
  public static boolean ownedBy(HasMetadata object, Qperf run) {
    String uid = run.getMetadata().getUid();
    return labelledFor(object, run.getMetadata().getName())
        && uid != null && object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uid.equals(ref.getUid()));
  }

  /**
   * Whether {@code object} carries our labels for {@code qperfName} and a controller reference to
   * some Qperf of that name: what a run of that name left, once the run itself is gone.
   */
  public static boolean leftByRunNamed(HasMetadata object, String qperfName) {
    return labelledFor(object, qperfName) && object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream().anyMatch(ref -> Qperf.KIND.equals(ref.getKind())
            && qperfName.equals(ref.getName()) && ref.getApiVersion() != null
            && ref.getApiVersion().startsWith(Qperf.GROUP + "/"));
  }

  /** Our labels for a run of this name: what ownership starts from, never enough by itself. */
  private static boolean labelledFor(HasMetadata object, String qperfName) {
    Map<String, String> labels = object == null || object.getMetadata() == null ? null
        : object.getMetadata().getLabels();
    return labels != null && MANAGER.equals(labels.get(LABEL_MANAGED_BY)) && qperfName.equals(labels.get(LABEL_INSTANCE));
  }

  /** The controller owner reference; empty when the CR has no uid yet (a client-side dry run). */
  public static List<OwnerReference> ownerReferences(Qperf qperf) {
    String uid = qperf.getMetadata().getUid();
    if (uid == null || uid.isBlank()) {
      return List.of();
    }
    return List.of(new OwnerReferenceBuilder()
        .withApiVersion(Qperf.API_VERSION)
        .withKind(Qperf.KIND)
        .withName(qperf.getMetadata().getName())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build());
  }

  /**
   * The child Qperf of a matrix for one scenario and ordered pair: a DNS-1035 label of at most 63
   * characters (it names the child's Service), readable ({@code <matrix>-<scenario>-<src>-<dst>},
   * node names cut at their first dot) and ending in a hash of all four, so that it is unique per
   * matrix, scenario and pair whatever the length or the dashes of the names.
   */
  public static String matrixChildName(String matrix, String scenario, String srcNode, String dstNode) {
    String identity = String.join("\u0000", matrix, scenario, srcNode, dstNode);
    return KubeNames.dnsLabelWithHash(identity, matrix, scenario, firstDnsLabel(srcNode), firstDnsLabel(dstNode));
  }

  /** Labels of a matrix child; a zone may be null (then it has no label). */
  public static Map<String, String> matrixChildLabels(String matrix, String scenario, String srcNode, String srcZone,
      String dstNode, String dstZone) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_MATRIX, KubeNames.labelValue(matrix));
    labels.put(LABEL_SCENARIO, KubeNames.labelValue(scenario));
    labels.put(LABEL_SRC_NODE, KubeNames.labelValue(srcNode));
    labels.put(LABEL_DST_NODE, KubeNames.labelValue(dstNode));
    if (srcZone != null && !srcZone.isBlank()) {
      labels.put(LABEL_SRC_ZONE, KubeNames.labelValue(srcZone));
    }
    if (dstZone != null && !dstZone.isBlank()) {
      labels.put(LABEL_DST_ZONE, KubeNames.labelValue(dstZone));
    }
    return labels;
  }

  /** Whether the run is a matrix's child: it carries the matrix label and an owner reference to a QperfMatrix. */
  public static boolean isMatrixChild(Qperf qperf) {
    Map<String, String> labels = qperf.getMetadata() == null ? null : qperf.getMetadata().getLabels();
    return labels != null && labels.containsKey(LABEL_MATRIX) && qperf.getMetadata().getOwnerReferences() != null
        && qperf.getMetadata().getOwnerReferences().stream().anyMatch(ref -> "QperfMatrix".equals(ref.getKind()));
  }

  /** Selects every child Qperf of the named matrix. */
  public static Map<String, String> matrixChildSelector(String matrix) {
    return Map.of(LABEL_MATRIX, KubeNames.labelValue(matrix));
  }

  private static String firstDnsLabel(String node) {
    int dot = node == null ? -1 : node.indexOf('.');
    return dot > 0 ? node.substring(0, dot) : node;
  }
}

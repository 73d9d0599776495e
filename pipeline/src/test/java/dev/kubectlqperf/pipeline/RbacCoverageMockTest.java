package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request the pipeline makes, over a success, a failure, a deletion and leader election, is
 * granted by the RBAC in deploy/ (the ClusterRole and the leader-election Role).
 */
class RbacCoverageMockTest extends MockClusterTest {

  private static final String AGENT = "qperf-pipeline-under-test";
  private KubernetesClient pipelineClient;

  /** One API call: group, resource (with subresource), verb. */
  record Call(String group, String resource, String verb) {}

  @BeforeEach
  void setUp() {
    pipelineClient = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build();
  }

  @AfterEach
  void tearDown() {
    pipelineClient.close();
  }

  @Test
  void everyCallThePipelineMakesIsGranted() throws Exception {
    try (InputStream crd = getClass().getResourceAsStream("/crd/qperfmatrices.perf.kubestone.xridge.io.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    fixture.start(pipelineClient, Map.of(PipelineConfig.LEADER_ELECTION, "true", PipelineConfig.LEASE_NAMESPACE, NS),
        Step.Listener.NONE);
    fixture.create("ok", QperfSpec.of(List.of("tcp_lat"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("ok").get());
    kubelet.serverReady(NS, "ok");
    fixture.awaitExists("client", () -> client.pods().inNamespace(NS).withName("ok-client").get());
    kubelet.clientEnded(NS, "ok-client", 0, "tcp_lat:\n    latency  =  5 us\n");
    fixture.awaitPhase("ok", QperfPhase.Completed);
    fixture.create("bad", QperfSpec.of(List.of("tcp_foo"), null));
    fixture.awaitPhase("bad", QperfPhase.Failed);
    fixture.create("gone", QperfSpec.of(List.of("tcp_bw"), null));
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName("gone").get());
    client.resources(Qperf.class).inNamespace(NS).withName("gone").delete();
    fixture.awaitServerGone("gone");
    runMatrixUntilAChildExists();
    fixture.close();

    Set<Call> calls = pipelineCalls();
    assertTrue(calls.contains(new Call("perf.kubestone.xridge.io", "qperves/status", "patch")), calls.toString());
    assertTrue(calls.contains(new Call("coordination.k8s.io", "leases", "create")), calls.toString());
    assertTrue(calls.contains(new Call("perf.kubestone.xridge.io", "qperfmatrices/status", "patch")), calls.toString());
    assertTrue(calls.contains(new Call("perf.kubestone.xridge.io", "qperves", "create")), calls.toString());
    assertTrue(calls.contains(new Call("", "nodes", "list")), calls.toString());
    List<PolicyRule> granted = new ArrayList<>(rules(ClusterRole.class, "../deploy/cluster-wide/clusterrole.yaml"));
    granted.addAll(rules(Role.class, "../deploy/base/lease-role.yaml"));
    Set<String> denied = new TreeSet<>();
    for (Call call : calls) {
      if (granted.stream().noneMatch(r -> allows(r, call))) {
        denied.add(call.verb() + " " + call.group() + "/" + call.resource());
      }
    }
    assertEquals(Set.of(), denied, "calls the RBAC in deploy/ does not grant");
    List<PolicyRule> namespaced = rules(Role.class, "../deploy/namespaced/role.yaml");
    List<PolicyRule> namespacedToo = rules(ClusterRole.class, "../deploy/cluster-wide/clusterrole.yaml").stream()
        .filter(r -> !r.getResources().equals(List.of("nodes"))).toList();
    assertEquals(namespacedToo, namespaced, "both flavours grant the same namespaced rules");
    PolicyRule nodes = rules(ClusterRole.class, "../deploy/namespaced/node-reader.yaml").get(0);
    assertEquals(List.of("nodes"), nodes.getResources(), "namespaced: nodes granted beside the Role");
    assertEquals(List.of("get", "list"), nodes.getVerbs(), "a matrix lists them; a client's node is read when it stops reporting");
    assertEquals(nodes, rules(ClusterRole.class, "../deploy/cluster-wide/clusterrole.yaml").stream()
        .filter(r -> r.getResources().equals(List.of("nodes"))).findFirst().orElseThrow(), "both flavours grant the same on nodes");
  }

  /** A matrix of two nodes, far enough that the pipeline listed nodes, wrote status and created a child. */
  private void runMatrixUntilAChildExists() throws Exception {
    for (String node : List.of("node-a", "node-b")) {
      client.resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().withNewStatus()
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }
    QperfMatrix matrix = new QperfMatrix();
    matrix.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("pairs").build());
    matrix.setSpec(QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_lat"), null)));
    client.resource(matrix).create();
    fixture.awaitExists("a matrix child", () -> client.resources(Qperf.class).inNamespace(NS)
        .withLabel(QperfResources.LABEL_MATRIX).list().getItems().stream().findFirst().orElse(null));
  }

  private Set<Call> pipelineCalls() throws InterruptedException {
    Set<Call> calls = new java.util.HashSet<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      String agent = request.getHeader("User-Agent");
      if (agent != null && agent.startsWith(AGENT) && !discovery(request.getPath())) {
        calls.add(toCall(request.getMethod(), request.getPath()));
      }
    }
    return calls;
  }

  /** /api, /apis, /apis/GROUP[/VERSION]: every authenticated user may (the default system:discovery role). */
  static boolean discovery(String pathAndQuery) {
    String path = pathAndQuery.split("\\?")[0];
    int depth = path.substring(1).split("/").length;
    return path.startsWith("/api/") ? depth <= 2 : path.startsWith("/apis") && depth <= 3;
  }

  /** /api/v1/namespaces/NS/pods/NAME/log?x → ("", "pods/log", "get"). */
  static Call toCall(String method, String pathAndQuery) {
    String path = pathAndQuery.split("\\?")[0];
    String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?')) : "";
    List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
    String group = parts.get(0).equals("api") ? "" : parts.get(1);
    List<String> rest = parts.subList(parts.get(0).equals("api") ? 2 : 3, parts.size());
    if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 2) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean named = rest.size() > 1;
    String verb = switch (method) {
      case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method;
    };
    return new Call(group, resource, verb);
  }

  private static boolean allows(PolicyRule rule, Call call) {
    return rule.getApiGroups().contains(call.group()) && rule.getResources().contains(call.resource())
        && rule.getVerbs().contains(call.verb());
  }

  private <T extends HasMetadata> List<PolicyRule> rules(Class<T> kind, String file) throws Exception {
    try (InputStream in = new FileInputStream(file)) {
      List<HasMetadata> objects = client.load(in).items();
      return objects.stream().filter(kind::isInstance).findFirst()
          .map(o -> o instanceof ClusterRole c ? c.getRules() : ((Role) o).getRules()).orElseThrow();
    }
  }
}

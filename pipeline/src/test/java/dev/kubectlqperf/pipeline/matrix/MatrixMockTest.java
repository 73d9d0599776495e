package dev.kubectlqperf.pipeline.matrix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.MatrixVerdict;
import dev.kubectlqperf.model.matrix.Outlier;
import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.QperfCluster;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matrix work against a CRUD mock API server, the test playing the Qperf lifecycle of the
 * children ({@link ChildController}): rounds, node-disjoint running pairs, failures, restarts and
 * outliers, as the status shows them.
 */
@EnableKubernetesMockClient(crud = true)
class MatrixMockTest {

  private static final String NS = "matrix";
  private static final double GOOD = 1.0e9;
  KubernetesClient client;
  KubernetesMockServer server;
  private final List<MatrixWork> works = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    for (String crd : List.of("qperves", "qperfmatrices")) {
      try (InputStream in = getClass().getResourceAsStream("/crd/" + crd + ".perf.kubestone.xridge.io.yaml")) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      }
    }
  }

  @AfterEach
  void tearDown() {
    works.forEach(MatrixWork::close);
  }

  @Test
  void fourNodesCompleteWithEveryOrderedPairAndRunningPairsNeverShareANode() {
    nodes("node-1", "node-2", "node-3", "node-4");
    start();
    create("m4");
    ChildController children = new ChildController(client, NS, (src, dst) -> completed(GOOD));

    QperfMatrix done = driveUntilFinal("m4", children);

    assertEquals(QperfPhase.Completed, done.getStatus().getPhase());
    assertEquals(12, done.getStatus().getProgress().total());
    assertEquals(12, done.getStatus().getProgress().done());
    Set<String> pairs = new HashSet<>();
    done.getStatus().getPairs().forEach(p -> pairs.add(p.src() + ">" + p.dst()));
    for (String src : List.of("node-1", "node-2", "node-3", "node-4")) {
      for (String dst : List.of("node-1", "node-2", "node-3", "node-4")) {
        assertEquals(!src.equals(dst), pairs.contains(src + ">" + dst), src + ">" + dst);
      }
    }
    assertEquals(12, children.children().size());
    assertTrue(children.runningSets.stream().allMatch(set -> set.size() <= 2), children.runningSets.toString());
    assertEquals(MatrixVerdict.Passed, done.getStatus().getVerdict());
    assertEquals("True", done.getStatus().getConditions().get(0).getStatus());
  }

  /** Documented choice: a failed pair run is a result; the matrix completes with verdict Failed. */
  @Test
  void aFailingChildMarksItsPairFailedAndTheVerdictFailed() {
    nodes("node-1", "node-2", "node-3");
    start();
    create("mfail");
    ChildController children = new ChildController(client, NS,
        (src, dst) -> src.equals("node-1") && dst.equals("node-2") ? new ChildController.Outcome(QperfPhase.Failed, 0)
            : completed(GOOD));

    QperfMatrix done = driveUntilFinal("mfail", children);

    assertEquals(QperfPhase.Completed, done.getStatus().getPhase());
    assertEquals(MatrixVerdict.Failed, done.getStatus().getVerdict());
    assertEquals(1, done.getStatus().getProgress().failed());
    List<PairResult> failed = done.getStatus().getPairs().stream().filter(PairResult::failed).toList();
    assertEquals(1, failed.size());
    assertEquals("node-1", failed.get(0).src());
    assertEquals("node-2", failed.get(0).dst());
    assertEquals("False", done.getStatus().getConditions().get(0).getStatus());
    assertEquals("VerdictFailed", done.getStatus().getConditions().get(0).getReason());
  }

  @Test
  void aRestartMidMatrixCreatesNoChildTwiceAndKeepsTheFrozenNodes() {
    nodes("node-1", "node-2", "node-3", "node-4");
    MatrixWork first = start();
    create("mrestart");
    ChildController children = new ChildController(client, NS, (src, dst) -> completed(GOOD));
    await("first round created").atMost(Duration.ofSeconds(20)).until(() -> !children.children().isEmpty());
    children.step();
    await("second round created").atMost(Duration.ofSeconds(20))
        .until(() -> children.children().size() > children.uids.size());
    first.close();
    nodes("node-5"); // a node that joined meanwhile: the frozen plan leaves it out
    start();

    QperfMatrix done = driveUntilFinal("mrestart", children);

    assertEquals(QperfPhase.Completed, done.getStatus().getPhase());
    assertEquals(12, children.children().size());
    children.children().forEach(c ->
        assertEquals(children.uids.get(c.getMetadata().getName()), c.getMetadata().getUid(), "re-created"));
    assertEquals(4, done.getStatus().getNodes().size());
  }

  @Test
  void aSlowPairIsTheOutlier() {
    nodes("node-1", "node-2", "node-3", "node-4");
    start();
    create("mslow");
    ChildController children = new ChildController(client, NS,
        (src, dst) -> completed(src.equals("node-3") && dst.equals("node-1") ? GOOD / 20 : GOOD));

    QperfMatrix done = driveUntilFinal("mslow", children);

    List<Outlier> outliers = done.getStatus().getOutlierPairs();
    assertEquals(1, outliers.size(), outliers.toString());
    assertEquals(Outlier.Metric.Bandwidth, outliers.get(0).metric());
    assertEquals("node-3", outliers.get(0).src());
    assertEquals("node-1", outliers.get(0).dst());
    assertEquals(MatrixVerdict.Degraded, done.getStatus().getVerdict());
  }

  @Test
  void anInvalidSpecFailsWithTheReason() {
    nodes("node-1", "node-2");
    start();
    QperfMatrix m = matrix("mbad", QperfMatrixSpec.allPairs(new QperfSpec(null, null, List.of("no_such_test"), null,
        null, null, null, null, null, null)));
    client.resource(m).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("mbad") == QperfPhase.Failed);
    assertEquals("Invalid", get("mbad").getStatus().getReason());
    assertTrue(get("mbad").getStatus().getMessage().contains("spec.template"), get("mbad").getStatus().getMessage());
  }

  @Test
  void aFamilyTheClusterDoesNotOfferFailsTheMatrixBeforeAnyChild() {
    server.expect().post().withPath("/api/v1/namespaces/" + NS + "/services?dryRun=All")
        .andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
            .withNewDetails().withKind("Service").addNewCause().withField("spec.ipFamilies[0]")
            .withMessage("Invalid value: []string{\"None\"}: ipfamily IPv6 is not configured on cluster").endCause()
            .endDetails().build())
        .always();
    nodes("node-1", "node-2");
    start();
    client.resource(matrix("m6", QperfMatrixSpec.allPairs(QperfSpec.of(List.of("tcp_bw"), null)
        .withIpFamily(IpFamily.IPv6)))).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("m6") == QperfPhase.Failed);
    assertEquals("IpFamilyNotOffered", get("m6").getStatus().getReason());
    assertEquals("spec.template.ipFamily IPv6 is not offered by this cluster (the API server refuses a Service of it: "
        + "spec.ipFamilies[0]: Invalid value: []string{\"None\"}: ipfamily IPv6 is not configured on cluster); leave "
        + "ipFamily out for the cluster's primary family", get("m6").getStatus().getMessage());
    assertTrue(children().isEmpty());
  }

  @Test
  void withoutLeaveToListNodesTheMatrixFailsSayingSo() {
    server.expect().get().withPath("/api/v1/nodes").andReturn(403, new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("nodes is forbidden").build()).always();
    start();
    create("mforbidden");

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("mforbidden") == QperfPhase.Failed);
    assertEquals("NodesForbidden", get("mforbidden").getStatus().getReason());
    assertTrue(children().isEmpty());
  }

  @Test
  void aStatusTheApiServerRefusesEndsTheMatrixAsStatusRefused() {
    server.expect().patch().withPath("/apis/perf.kubestone.xridge.io/v1alpha1/namespaces/" + NS
        + "/qperfmatrices/mrefused/status").andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
        .withMessage("status.progress: Invalid value").build()).once();
    nodes("node-1", "node-2");
    start();
    create("mrefused");

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("mrefused") == QperfPhase.Failed);
    assertEquals("StatusRefused", get("mrefused").getStatus().getReason());
    assertTrue(get("mrefused").getStatus().getMessage().contains("status.progress"));
  }

  @Test
  void oneNodeMakesNoPairAndFails() {
    nodes("node-1");
    start();
    create("mone");

    await().atMost(Duration.ofSeconds(20)).until(() -> phase("mone") == QperfPhase.Failed);
    assertEquals("NoPairs", get("mone").getStatus().getReason());
  }

  private List<?> children() {
    return new ChildController(client, NS, (src, dst) -> completed(GOOD)).children();
  }

  private ChildController.Outcome completed(double bandwidth) {
    return new ChildController.Outcome(QperfPhase.Completed, bandwidth);
  }

  private QperfMatrix driveUntilFinal(String name, ChildController children) {
    await(name + " ended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      children.step();
      QperfPhase phase = phase(name);
      return phase != null && phase.isFinal();
    });
    return get(name);
  }

  private MatrixWork start() {
    PipelineConfig config = PipelineConfig.fromMap(Map.of(PipelineConfig.NAMESPACES, NS,
        PipelineConfig.RESYNC_SECONDS, "1"));
    MatrixWork work = new MatrixWork(new QperfCluster(client), config, Clock.systemUTC());
    works.add(work);
    work.start();
    return work;
  }

  private void nodes(String... names) {
    for (String name : names) {
      client.resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
          .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
          .build()).create();
    }
  }

  private void create(String name) {
    client.resource(matrix(name, QperfMatrixSpec.allPairs(new QperfSpec(null, null, List.of("tcp_bw"), null, null,
        null, null, null, null, null)))).create();
  }

  private static QperfMatrix matrix(String name, QperfMatrixSpec spec) {
    QperfMatrix m = new QperfMatrix();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    m.setSpec(spec);
    return m;
  }

  private QperfMatrix get(String name) {
    return client.resources(QperfMatrix.class).inNamespace(NS).withName(name).get();
  }

  private QperfPhase phase(String name) {
    QperfMatrix m = get(name);
    return m == null || m.getStatus() == null ? null : m.getStatus().getPhase();
  }
}

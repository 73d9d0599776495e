package dev.kubectlqperf.model.result;

import dev.kubectlqperf.model.run.RunDocument;
import dev.kubectlqperf.model.run.RunIdentities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.IpFamily;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every document the parser produces is valid against the checked-in JSON Schema. */
class ResultSchemaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private static JsonSchema load() {
    try (InputStream in = ResultSchemaTest.class.getResourceAsStream("/schemas/qperf-result-v2.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> captures() throws IOException, URISyntaxException {
    Path dir = Path.of(ResultSchemaTest.class.getResource("/qperf-outputs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("captures")
  void parsedCaptureIsValid(Path capture) throws IOException {
    CaptureFile c = CaptureFile.read(Files.readString(capture, StandardCharsets.UTF_8));
    String json = new ResultJson().line(QperfOutputParser.parse(c.output(), c.exitCode()));
    Set<ValidationMessage> problems = SCHEMA.validate(MAPPER.readTree(json));
    assertEquals(Set.of(), problems, json);
  }

  @Test
  void aRunWithRepetitionsStatisticsAndAVerdictIsValid() throws IOException {
    var qperf = Fixtures.created("r", new QperfSpec(null, null,
        List.of("tcp_bw"), null, null, null, null, null, 2, null, List.of("cv at most 10 %")));
    List<QperfResult> reps = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      reps.add(QperfOutputParser.parse("tcp_bw:\n    bw  =  " + n + ".5 GB/sec\n", 0)
          .withRun(RunIdentities.of(qperf, "2026-11-25T10:00:0" + n + "Z", "node-b", "0.4.11").withRepetition(n)));
    }
    String json = new ResultJson().line(RunDocument.of(qperf, reps, List.of()));
    assertEquals(Set.of(), SCHEMA.validate(MAPPER.readTree(json)), json);
  }

  @Test
  void aRunOfParallelStreamsIsValid() throws IOException {
    var qperf = Fixtures.created("p", new QperfSpec(null, "-t 1", List.of("tcp_bw", "tcp_lat"), null, null, null, null,
        null, 2, null, List.of("tcp_bw bw sum at least 1 GB/sec"), 2));
    List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      var pod = dev.kubectlqperf.model.QperfManifests.clientPod(qperf, n);
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded")
          .withContainerStatuses(pod.getSpec().getContainers().stream().map(c ->
              new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(c.getName()).withNewState()
                  .withNewTerminated().withExitCode(0).endTerminated().endState().build()).toList()).build());
      pods.add(pod);
    }
    String json = new ResultJson().line(dev.kubectlqperf.model.run.ClientPodResult.ofRun(qperf, pods,
        (pod, c) -> "qperf-stream-start uptime=" + (c.equals("client") ? "3.00" : "3.50")
            + "\ntcp_bw:\n    bw  =  1 GB/sec\ntcp_lat:\n    latency  =  5 us\n", java.time.Instant.EPOCH, null));
    var tree = MAPPER.readTree(json);
    assertEquals(4, tree.get("streams").size(), json);
    assertEquals(Set.of(), SCHEMA.validate(tree), json);
  }

  @Test
  void theIpFamilyIsInTheRunIdentityAndOnlyAKnownOneIsValid() throws IOException {
    var qperf = Fixtures.created("v6", QperfSpec.of(List.of("tcp_lat"), null).withIpFamily(IpFamily.IPv6));
    String json = new ResultJson().line(RunDocument.of(qperf, List.of(QperfOutputParser.parse(
        "tcp_lat:\n    latency  =  7 us\n", 0).withRun(RunIdentities.of(qperf, "2026-11-25T10:00:01Z", "node-b", null))),
        List.of()));
    var tree = MAPPER.readTree(json);
    assertEquals("IPv6", tree.get("run").get("ipFamily").asText(), json);
    assertEquals(Set.of(), SCHEMA.validate(tree), json);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("run")).put("ipFamily", "IPv5");
    assertFalse(SCHEMA.validate(tree).isEmpty());
  }

  @Test
  void schemaIdMatchesTheDocuments() throws IOException {
    assertEquals(QperfResult.SCHEMA, MAPPER.readTree(getClass().getResourceAsStream("/schemas/qperf-result-v2.json"))
        .get("$id").asText());
  }

  @Test
  void schemaRejectsAWrongUnit() throws IOException {
    String bad = "{\"schema\":\"" + QperfResult.SCHEMA + "\",\"ok\":true,\"tests\":[{\"test\":\"tcp_bw\",\"ok\":true,"
        + "\"error\":null,\"metrics\":{\"bw\":{\"value\":1,\"unit\":\"GB/sec\",\"text\":\"1 GB/sec\"}}}],\"errors\":[]}";
    assertFalse(SCHEMA.validate(MAPPER.readTree(bad)).isEmpty());
  }
}

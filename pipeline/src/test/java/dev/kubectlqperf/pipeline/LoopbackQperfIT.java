package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.testing.ClientRun;
import dev.kubectlqperf.model.testing.QperfServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with the real qperf: when the pipeline creates the client Pod, the test runs qperf
 * with exactly that Pod's command and arguments (the service name pointed at a real qperf server
 * on 127.0.0.1) and serves qperf's output as the Pod's log.
 */
@EnableKubernetesMockClient(crud = true)
class LoopbackQperfIT {

  KubernetesMockServer server;
  KubernetesClient client;
  private PipelineFixture fixture;
  private FakeKubelet kubelet;
  private QperfServer qperf;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new PipelineFixture(client);
    kubelet = new FakeKubelet(client, server);
    qperf = QperfServer.start();
    fixture.start();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    qperf.close();
  }

  /** Runs the client pod's container for real; returns what it printed. */
  private ClientRun runClientPod(String name) throws Exception {
    fixture.awaitExists("server", () -> client.apps().deployments().inNamespace(NS).withName(name).get());
    kubelet.serverReady(NS, name);
    fixture.awaitExists("client pod", () -> client.pods().inNamespace(NS).withName(name + "-client").get());
    Pod pod = client.pods().inNamespace(NS).withName(name + "-client").get();
    var container = pod.getSpec().getContainers().get(0);
    List<String> command = new ArrayList<>(container.getCommand());
    List<String> args = new ArrayList<>(container.getArgs());
    assertEquals(name, args.get(0), "the client talks to the service named after the run");
    assertEquals(List.of("--listen_port", "19765"), args.subList(1, 3));
    args.set(0, "127.0.0.1");
    args.set(2, String.valueOf(qperf.port()));
    command.addAll(args);
    ClientRun run = ClientRun.of(command);
    kubelet.clientEnded(NS, name + "-client", run.exitCode(), run.output());
    return run;
  }

  @Test
  void statusCarriesTheNumbersQperfPrinted() throws Exception {
    fixture.create("loop", QperfSpec.of(List.of("tcp_bw", "tcp_lat"), "--verbose --time 1"));
    ClientRun run = runClientPod("loop");
    Qperf done = fixture.awaitPhase("loop", QperfPhase.Completed);
    fixture.awaitServerGone("loop");

    QperfResult printed = QperfOutputParser.parse(run.output(), run.exitCode());
    var results = done.getStatus().getResults();
    assertEquals(2, results.size());
    for (int i = 0; i < 2; i++) {
      var headline = results.get(i).metrics();
      var fromQperf = printed.tests().get(i).metrics();
      headline.forEach((metric, h) -> {
        assertEquals(fromQperf.get(metric).text(), h.text(), metric);
        assertEquals(0, fromQperf.get(metric).decimal().compareTo(h.value()), metric);
      });
    }
    assertTrue(done.getStatus().getHeadline().startsWith("tcp_bw " + printed.tests().get(0).metrics().get("bw").text()),
        done.getStatus().getHeadline());
  }

  @Test
  void unsupportedTestEndsFailedWithQperfsMessage() throws Exception {
    fixture.create("nosctp", QperfSpec.of(List.of("sctp_bw"), "-t 1"));
    ClientRun run = runClientPod("nosctp");
    assertEquals(1, run.exitCode());
    Qperf failed = fixture.awaitPhase("nosctp", QperfPhase.Failed);
    fixture.awaitServerGone("nosctp");
    assertEquals("QperfFailed", failed.getStatus().getReason());
    // qperf relays the server's reason, though now and then with an empty text ("server: ").
    String expected = QperfOutputParser.parse(run.output(), run.exitCode()).tests().get(0).error();
    assertTrue(expected.startsWith("server: "), expected);
    assertEquals(expected, failed.getStatus().getMessage());
    assertEquals("sctp_bw failed", failed.getStatus().getHeadline());
  }
}

package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.pipeline.reconcile.Step;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** For each lifecycle step: the pipeline dies right after it, a new one takes over, the run ends once. */
class CrashRecoveryMockTest extends MockClusterTest {

  private static final String RUN = "crash";
  private static final String LOG = "tcp_lat:\n    latency  =  4.65 us\n";


  @ParameterizedTest
  @EnumSource(Step.class)
  void runEndsExactlyOnceWhenThePipelineDiesAfter(Step crashAt) throws Exception {
    CountDownLatch died = new CountDownLatch(1);
    Pipeline first = fixture.start(Map.of(), (step, key) -> {
      if (step == crashAt && died.getCount() > 0) {
        died.countDown();
        dieHere();
      }
    });
    fixture.create(RUN, QperfSpec.of(List.of("tcp_lat"), "-t 1"));
    drive(died);
    first.close();

    fixture.start();
    drive(new CountDownLatch(1));
    fixture.awaitPhase(RUN, QperfPhase.Completed);
    fixture.awaitServerGone(RUN);
    await("delivered").atMost(Duration.ofSeconds(10)).until(() ->
        fixture.get(RUN).getStatus().getSinks().get("file").state() == SinkDelivery.State.Delivered);

    List<Pod> clients = client.pods().inNamespace(NS)
        .withLabel(QperfResources.LABEL_COMPONENT, QperfResources.COMPONENT_CLIENT).list().getItems();
    assertEquals(1, clients.size(), "the benchmark ran once");
    assertEquals(1, fixture.published.size(), "the result was exported once");
    assertEquals("0.00000465", fixture.get(RUN).getStatus().getResults().get(0).metrics().get("latency").value()
        .toPlainString());
    assertEquals(1, fixture.eventReasons(RUN).stream().filter("ClientStarted"::equals).count());
  }

  /** Plays kubelet until the run ends or the pipeline under test has died. */
  private void drive(CountDownLatch died) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
      if (died.getCount() == 0 || isFinal()) {
        return true;
      }
      if (client.apps().deployments().inNamespace(NS).withName(RUN).get() != null) {
        kubelet.serverReady(NS, RUN);
      }
      Pod pod = clientPod();
      if (pod != null && (pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase()))) {
        kubelet.clientEnded(NS, RUN + "-client", 0, LOG);
      }
      return false;
    });
  }

  private Pod clientPod() {
    return client.pods().inNamespace(NS).withName(RUN + "-client").get();
  }

  private boolean isFinal() {
    var q = fixture.get(RUN);
    return q != null && q.getStatus() != null && q.getStatus().getPhase() != null && q.getStatus().getPhase().isFinal();
  }

  /** The worker stops here, as if the process died; closing the pipeline interrupts it. */
  private static void dieHere() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("pipeline killed");
  }
}

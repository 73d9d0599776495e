package dev.kubectlqperf.pipeline;

import static dev.kubectlqperf.pipeline.PipelineFixture.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A status the API server refuses must not leave a run stuck: the refusal is logged, a reduced
 * status is written instead, and the run still ends. (The real API server's refusals, an empty
 * string it reads as null among them, are exercised in the real-API-server tier.)
 */
class StatusRefusedMockTest extends MockClusterTest {

  private static final String STATUS = "/apis/perf.kubestone.xridge.io/v1alpha1/namespaces/" + NS + "/qperves/%s/status";

  private void refuseStatusWrites(String name, int times) {
    server.expect().patch().withPath(String.format(STATUS, name)).andReturn(422,
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Invalid\",\"code\":422,"
            + "\"message\":\"status.headline: Invalid value: \\\"null\\\": must be of type string\"}").times(times);
  }

  @Test
  void anInvalidSpecWhoseStatusIsRefusedStillEndsFailed() throws Exception {
    refuseStatusWrites("refused", 1);
    try (LogCapture log = LogCapture.start()) {
      fixture.start();
      fixture.create("refused", QperfSpec.of(List.of("tcp_foo"), null));
      Qperf failed = fixture.awaitPhase("refused", QperfPhase.Failed);
      assertEquals("InvalidSpec", failed.getStatus().getReason());
      assertEquals(Boolean.TRUE, failed.getStatus().getCompleted());
      assertTrue(log.text().contains("Qperf bench/refused: the API server refused its status"), log.text());
    }
  }

  @Test
  void aReducedStatusThatIsRefusedTooEndsTheRunStatusRefused() throws Exception {
    refuseStatusWrites("twice", 2);
    fixture.start();
    fixture.create("twice", QperfSpec.of(List.of("tcp_foo"), null));
    Qperf failed = fixture.awaitPhase("twice", QperfPhase.Failed);
    assertEquals("StatusRefused", failed.getStatus().getReason());
    assertTrue(failed.getStatus().getMessage().startsWith("the API server refused this run's status: "),
        failed.getStatus().getMessage());
  }
}

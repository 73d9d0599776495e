package dev.kubectlqperf.pipeline;

import dev.kubectlqperf.pipeline.config.PipelineConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.pipeline.reconcile.Step;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints the Deployment's probes call: Camel's health checks, served while the pipeline runs. */
class HealthMockTest extends MockClusterTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livenessAndReadinessAreUpWhileThePipelineRunsAndGoneAfter() throws Exception {
    int port = freePort();
    Pipeline pipeline = fixture.start(Map.of(PipelineConfig.HEALTH_PORT, String.valueOf(port)), Step.Listener.NONE);
    HttpResponse<String> live = get(port, "/observe/health/live");
    HttpResponse<String> ready = get(port, "/observe/health/ready");
    assertEquals(200, live.statusCode(), live.body());
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"UP\""), ready.body());

    pipeline.close();
    assertThrows(ConnectException.class, () -> get(port, "/observe/health/live"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

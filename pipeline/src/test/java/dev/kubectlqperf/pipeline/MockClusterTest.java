package dev.kubectlqperf.pipeline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A CRUD mock API server per test, with the Qperf CRD, a pipeline fixture and a fake kubelet. */
@EnableKubernetesMockClient(crud = true)
abstract class MockClusterTest {

  KubernetesMockServer server;
  KubernetesClient client;
  PipelineFixture fixture;
  FakeKubelet kubelet;

  @BeforeEach
  void setUpCluster() {
    fixture = new PipelineFixture(client);
    kubelet = new FakeKubelet(client, server);
  }

  @AfterEach
  void tearDownCluster() {
    fixture.close();
  }
}

package dev.kubectlqperf.pipeline.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class LeanInformersTest {

  @Test
  void theStoreKeepsAnObjectWithoutItsManagedFieldsUnderTheUsualKey() {
    Pod pod = new PodBuilder().withNewMetadata().withNamespace("bench").withName("net-client")
        .addToLabels("app", "qperf").withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet")
            .withOperation("Update").build()).endMetadata().build();
    LeanInformers.LeanStore<Pod> store = new LeanInformers.LeanStore<>();

    store.put(store.getKey(pod), pod);

    Pod kept = store.get("bench/net-client");
    assertNull(kept.getMetadata().getManagedFields());
    assertEquals("qperf", kept.getMetadata().getLabels().get("app"));
  }
}

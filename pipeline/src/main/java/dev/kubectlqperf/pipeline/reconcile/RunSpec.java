package dev.kubectlqperf.pipeline.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;

/**
 * The spec a run started with, kept as an annotation on its server Service: an edit made while
 * the run is under way does not change the run (it would mix two specs in one result).
 */
final class RunSpec {

  static final String ANNOTATION = Qperf.GROUP + "/run-spec";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSpec() {}

  static Service annotate(Service service, QperfSpec spec) {
    try {
      service.getMetadata().setAnnotations(Map.of(ANNOTATION, JSON.writeValueAsString(spec)));
      return service;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Qperf as it was when its run started (the current one when nothing was recorded). */
  static Qperf startedWith(Qperf current, Service service) {
    String json = service == null || service.getMetadata().getAnnotations() == null ? null
        : service.getMetadata().getAnnotations().get(ANNOTATION);
    if (json == null) {
      return current;
    }
    try {
      Qperf frozen = new Qperf();
      frozen.setMetadata(new ObjectMetaBuilder(current.getMetadata()).build());
      frozen.setSpec(JSON.readValue(json, QperfSpec.class));
      frozen.setStatus(current.getStatus());
      return frozen;
    } catch (JsonProcessingException e) {
      return current;
    }
  }
}

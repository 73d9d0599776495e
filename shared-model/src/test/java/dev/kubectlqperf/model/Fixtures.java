package dev.kubectlqperf.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Test data shared by the model tests. */
public final class Fixtures {

  /** Fails on any field the model does not know: proves Kubestone manifests map completely. */
  public static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Fixtures() {}

  public static Qperf kubestoneSample() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/samples/perf_v1alpha1_qperf.yaml")) {
      return STRICT_YAML.readValue(in, Qperf.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Qperf as the API server returns it: namespaced, with a uid. */
  public static Qperf created(String name, QperfSpec spec) {
    Qperf qperf = new Qperf();
    qperf.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench").withUid("uid-" + name)
        .withGeneration(1L).build());
    qperf.setSpec(spec);
    return qperf;
  }

  public static Qperf minimal(String options, String... tests) {
    return created("q1", QperfSpec.of(List.of(tests), options));
  }
}

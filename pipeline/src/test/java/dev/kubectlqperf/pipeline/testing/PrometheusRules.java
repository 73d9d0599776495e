package dev.kubectlqperf.pipeline.testing;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shipped PrometheusRule ({@code deploy/monitoring}) and its rule groups as a plain Prometheus rule file. */
public final class PrometheusRules {

  public static final Path DIR = Path.of("..", "deploy", "monitoring");
  public static final Path RULE = DIR.resolve("prometheusrule.yaml");
  public static final Path TESTS = DIR.resolve("prometheusrule-test.yaml");
  /** The name the tests file gives the rule file. */
  public static final String RULE_FILE = "qperf-rules.yaml";

  private PrometheusRules() {}

  /** Writes the PrometheusRule's {@code spec} (its {@code groups}) as {@code dir/qperf-rules.yaml}. */
  public static Path extractTo(Path dir) throws IOException {
    KubernetesSerialization yaml = new KubernetesSerialization();
    Map<?, ?> rule = yaml.unmarshal(Files.readString(RULE), Map.class);
    Object spec = rule.get("spec");
    if (!(spec instanceof Map<?, ?> groups) || !groups.containsKey("groups")) {
      throw new IllegalStateException(RULE + " has no spec.groups");
    }
    Path file = dir.resolve(RULE_FILE);
    Files.writeString(file, yaml.asYaml(spec));
    return file;
  }
}

package dev.kubectlqperf.plugin.diagnosis;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An installed CRD against the one this plugin ships: the version it uses is served, and its
 * schema knows every field the plugin writes. Fields are compared as paths ({@code spec.thresholds},
 * {@code status.pairs[]}), so defaults the API server adds to a schema do not count as a change.
 */
public final class CrdCheck {

  private CrdCheck() {}

  public static Finding evaluate(String kind, CustomResourceDefinition shipped, Fetched<CustomResourceDefinition> installed,
      String applyFix) {
    String check = "crd " + kind;
    String name = shipped.getMetadata().getName();
    if (!installed.ok()) {
      return Finding.unreadable(check, "CustomResourceDefinition " + name, installed.error(),
          "kubectl get crd " + name + " (as a user who may read CRDs)");
    }
    if (installed.value() == null) {
      return Finding.fail(check, name + " is not installed", applyFix);
    }
    CustomResourceDefinitionVersion wanted = shipped.getSpec().getVersions().get(0);
    Optional<CustomResourceDefinitionVersion> served = installed.value().getSpec().getVersions().stream()
        .filter(v -> v.getName().equals(wanted.getName()) && Boolean.TRUE.equals(v.getServed())).findFirst();
    if (served.isEmpty()) {
      return Finding.fail(check, name + " does not serve " + wanted.getName() + ", the version this plugin uses",
          applyFix);
    }
    Set<String> expected = paths(wanted.getSchema().getOpenAPIV3Schema());
    Set<String> actual = paths(served.get().getSchema() == null ? null : served.get().getSchema().getOpenAPIV3Schema());
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    if (!missing.isEmpty()) {
      return Finding.fail(check, name + " " + wanted.getName() + " is older than this plugin: it lacks "
          + abbreviate(missing), applyFix);
    }
    if (!extra.isEmpty()) {
      return Finding.warn(check, name + " " + wanted.getName() + " is newer than this plugin: it adds "
          + abbreviate(extra), "upgrade kubectl-qperf to the version that installed the CRD");
    }
    return Finding.pass(check, name + " " + wanted.getName() + ", as this plugin expects");
  }

  /** Every field of a schema as a dotted path; array items end in {@code []}, map values in {@code {}}. */
  static Set<String> paths(JSONSchemaProps schema) {
    Set<String> paths = new TreeSet<>();
    collect(schema, "", paths);
    return paths;
  }

  private static void collect(JSONSchemaProps schema, String prefix, Set<String> paths) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        paths.add(path);
        collect(e.getValue(), path, paths);
      }
    }
    if (schema.getItems() != null) {
      collect(schema.getItems().getSchema(), prefix + "[]", paths);
    }
    if (schema.getAdditionalProperties() != null) {
      collect(schema.getAdditionalProperties().getSchema(), prefix + "{}", paths);
    }
  }

  private static String abbreviate(Set<String> paths) {
    String shown = String.join(", ", paths.stream().limit(3).toList());
    return paths.size() > 3 ? shown + " and " + (paths.size() - 3) + " more" : shown;
  }
}

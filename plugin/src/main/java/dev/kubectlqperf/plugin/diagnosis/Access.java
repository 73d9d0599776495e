package dev.kubectlqperf.plugin.diagnosis;

/** One request kind a command makes: verb on a resource (and subresource) of an API group, in the run's namespace. */
public record Access(String verb, String group, String resource, String subresource) {

  public static Access core(String verb, String resource) {
    return new Access(verb, "", resource, "");
  }

  /** As kubectl auth can-i and create role name it: {@code get pods/log}, {@code create qperves.perf.kubestone.xridge.io}. */
  public String resourceName() {
    String r = group.isEmpty() ? resource : resource + "." + group;
    return subresource.isEmpty() ? r : r + "/" + subresource;
  }

  @Override
  public String toString() {
    return verb + " " + resourceName();
  }
}

package dev.kubectlqperf.plugin.diagnosis;

import dev.kubectlqperf.model.Qperf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The user's own rights in the run's namespace, per command, from SelfSubjectAccessReviews. */
public final class RightsCheck {

  private static final String QPERVES = "qperves";

  private RightsCheck() {}

  /** What each command needs; {@code --probe} adds the probe pods'. */
  public static Map<String, List<Access>> needs(boolean probe) {
    Map<String, List<Access>> needs = new LinkedHashMap<>();
    needs.put("create", List.of(qperf("create"), qperf("get"), qperf("watch")));
    needs.put("get", List.of(qperf("get"), qperf("list"), qperf("watch")));
    needs.put("logs", List.of(qperf("get"), Access.core("get", "pods"), Access.core("list", "pods"),
        new Access("get", "", "pods", "log")));
    needs.put("delete", List.of(qperf("delete")));
    if (probe) {
      needs.put("probe", List.of(Access.core("create", "pods"), Access.core("get", "pods"),
          new Access("get", "", "pods", "log"), Access.core("delete", "pods")));
    }
    return needs;
  }

  /** One finding per command; {@code allowed} answers each access (an error when the review failed). */
  public static List<Finding> evaluate(String namespace, String user, Map<String, List<Access>> needs,
      Map<Access, Fetched<Boolean>> allowed) {
    return needs.entrySet().stream().map(e -> command(namespace, user, e.getKey(), e.getValue(), allowed)).toList();
  }

  private static Finding command(String namespace, String user, String command, List<Access> accesses,
      Map<Access, Fetched<Boolean>> allowed) {
    String check = "rights: " + command;
    List<Access> denied = accesses.stream().filter(a -> Boolean.FALSE.equals(allowed.get(a).value())).toList();
    List<Fetched<Boolean>> failed = accesses.stream().map(allowed::get).filter(f -> !f.ok()).toList();
    if (!failed.isEmpty() && denied.isEmpty()) {
      return Finding.unreadable(check, "SelfSubjectAccessReview", failed.get(0).error(),
          "kubectl auth can-i --list -n " + namespace);
    }
    if (denied.isEmpty()) {
      return Finding.pass(check, "may " + grouped(accesses) + " in " + namespace);
    }
    String verbs = denied.stream().map(Access::verb).distinct().collect(Collectors.joining(","));
    String resources = denied.stream().map(Access::resourceName).distinct().collect(Collectors.joining(","));
    return Finding.fail(check, "may not " + grouped(denied)
        + " in " + namespace, "an admin grants it: kubectl create role qperf-" + command + " -n " + namespace
        + " --verb=" + verbs + " --resource=" + resources + " && kubectl create rolebinding qperf-" + command
        + " -n " + namespace + " --role=qperf-" + command + " --user=" + (user == null ? "USER" : user));
  }

  /** {@code create,get,watch qperves; get pods/log}: verbs per resource, short resource names. */
  private static String grouped(List<Access> accesses) {
    Map<String, List<String>> verbs = new LinkedHashMap<>();
    for (Access a : accesses) {
      String resource = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
      verbs.computeIfAbsent(resource, r -> new java.util.ArrayList<>()).add(a.verb());
    }
    return verbs.entrySet().stream().map(e -> String.join(",", e.getValue()) + " " + e.getKey())
        .collect(Collectors.joining("; "));
  }

  private static Access qperf(String verb) {
    return new Access(verb, Qperf.GROUP, QPERVES, "");
  }
}

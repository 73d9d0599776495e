package dev.kubectlqperf.plugin.diagnosis;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;

/**
 * The namespace's Pod Security level (its {@code enforce} label) against what the run asks. The
 * benchmark pods meet {@code restricted}; host network needs {@code privileged}. Before Kubernetes
 * 1.23 no admission enforces the label: then the finding says the label was only read.
 */
public final class PodSecurityCheck {

  public static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  private PodSecurityCheck() {}

  /**
   * @param enforced whether the API server has Pod Security admission (1.23 and later; null: unknown)
   */
  public static Finding evaluate(Fetched<Namespace> fetched, RunAsk ask, Boolean enforced) {
    String check = "pod security";
    String ns = ask.namespace();
    if (!fetched.ok()) {
      return Finding.unreadable(check, "namespace " + ns, fetched.error(),
          "kubectl get ns " + ns + " --show-labels (" + ENFORCE + ")");
    }
    if (fetched.value() == null) {
      return Finding.fail(check, "namespace " + ns + " does not exist", "kubectl create namespace " + ns);
    }
    Map<String, String> labels = fetched.value().getMetadata().getLabels();
    String level = labels == null ? null : labels.get(ENFORCE);
    String note = Boolean.FALSE.equals(enforced) ? " (label only read: no Pod Security admission before Kubernetes 1.23)"
        : "";
    String asks = ask.hostNetwork() ? "a host-network run needs privileged" : "the benchmark pods meet restricted";
    if (level == null) {
      return Finding.pass(check, ns + " has no enforce label (privileged unless the cluster default is stricter); "
          + asks + note);
    }
    switch (level) {
      case "privileged":
        return Finding.pass(check, ns + " enforces privileged; " + asks + note);
      case "baseline", "restricted":
        if (!ask.hostNetwork()) {
          return Finding.pass(check, ns + " enforces " + level + "; " + asks + note);
        }
        return Finding.fail(check, ns + " enforces " + level + "; " + asks + note,
            "run without --host-network, or: kubectl label ns " + ns + " " + ENFORCE + "=privileged --overwrite");
      default:
        return Finding.warn(check, ns + " has " + ENFORCE + "=" + level + ", not a Pod Security level" + note,
            "kubectl label ns " + ns + " " + ENFORCE + "=restricted --overwrite");
    }
  }
}

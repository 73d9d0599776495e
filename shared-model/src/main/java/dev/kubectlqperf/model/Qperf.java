package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A qperf benchmark run: a drop-in for Kubestone's {@code Qperf} (same group, version, kind, plural
 * and spec fields), so manifests written for Kubestone apply unchanged.
 */
@Group(Qperf.GROUP)
@Version(Qperf.VERSION)
@Kind(Qperf.KIND)
@Plural(Qperf.PLURAL)
@Singular(Qperf.SINGULAR)
@ShortNames(Qperf.SHORT_NAME)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Tests", jsonPath = ".spec.tests", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Result", jsonPath = ".status.headline", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.running", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Completed", jsonPath = ".status.completed", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Server", jsonPath = ".status.serverNode", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Client", jsonPath = ".status.clientNode", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Family", jsonPath = ".status.ipFamily", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Qperf extends CustomResource<QperfSpec, QperfStatus> implements Namespaced {

  public static final String GROUP = "perf.kubestone.xridge.io";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "Qperf";
  public static final String PLURAL = "qperves";
  public static final String SINGULAR = "qperf";
  public static final String SHORT_NAME = "qp";
  public static final String CRD_NAME = PLURAL + "." + GROUP;
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** The same run seen with another status: metadata and spec are shared, nothing is copied deeply. */
  public Qperf withStatus(QperfStatus status) {
    Qperf view = new Qperf();
    view.setMetadata(getMetadata());
    view.setSpec(getSpec());
    view.setStatus(status);
    return view;
  }

  /** How many times the client runs against one server: the spec's repetitions, 1 without a spec. */
  public int repetitions() {
    return getSpec() == null ? 1 : getSpec().effectiveRepetitions();
  }

  /** How many streams measure at once: the spec's parallel, 1 without a spec. */
  public int parallel() {
    return getSpec() == null ? 1 : getSpec().effectiveParallel();
  }

  /** Whether the run has ended: its status names a final phase. */
  public boolean ended() {
    QperfStatus status = getStatus();
    return status != null && status.getPhase() != null && status.getPhase().isFinal();
  }

  /**
   * The run as it started: the spec frozen in {@code status.runSpec} once the run began, the current
   * spec before that. Every step of a run reads this one, so an edit mid-run changes nothing.
   */
  public Qperf asRun() {
    QperfStatus status = getStatus();
    if (status == null || status.getRunSpec() == null) {
      return this;
    }
    Qperf run = withStatus(status);
    run.setSpec(status.getRunSpec());
    return run;
  }
}

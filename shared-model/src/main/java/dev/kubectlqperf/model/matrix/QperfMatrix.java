package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kubectlqperf.model.Qperf;
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
 * A topology matrix: one child {@link Qperf} per ordered node pair and scenario, run round by round
 * so that no node takes part in two pairs at once, summed up into per-node medians and outliers.
 */
@Group(Qperf.GROUP)
@Version(Qperf.VERSION)
@Kind(QperfMatrix.KIND)
@Plural(QperfMatrix.PLURAL)
@Singular(QperfMatrix.SINGULAR)
@ShortNames(QperfMatrix.SHORT_NAME)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Done", jsonPath = ".status.progress.done", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Total", jsonPath = ".status.progress.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Round", jsonPath = ".status.progress.currentRound", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Rounds", jsonPath = ".status.progress.totalRounds", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QperfMatrix extends CustomResource<QperfMatrixSpec, QperfMatrixStatus> implements Namespaced {

  public static final String KIND = "QperfMatrix";
  public static final String PLURAL = "qperfmatrices";
  public static final String SINGULAR = "qperfmatrix";
  public static final String SHORT_NAME = "qpm";
  public static final String CRD_NAME = PLURAL + "." + Qperf.GROUP;
  public static final String API_VERSION = Qperf.API_VERSION;

  /**
   * The matrix as it started: the spec frozen in {@code status.runSpec} once the run began, the
   * current spec before that, so an edit mid-run changes nothing.
   */
  public QperfMatrixSpec runSpec() {
    QperfMatrixStatus status = getStatus();
    return status == null || status.getRunSpec() == null ? getSpec() : status.getRunSpec();
  }
}

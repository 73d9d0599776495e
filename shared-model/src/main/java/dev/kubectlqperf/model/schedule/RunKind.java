package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.matrix.QperfMatrix;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * What kind of child a schedule runs: a {@link Qperf} from a {@code qperfTemplate} or a
 * {@link QperfMatrix} from a {@code matrixTemplate}. The one seam between the schedule's single
 * path (timing, concurrency, history, pruning, trend) and the two kinds: how to make a run, and
 * how to sum one up. Pure.
 */
public enum RunKind {

  QPERF(Qperf.class, Qperf.KIND) {
    @Override
    HasMetadata newRun(ObjectMeta metadata, QperfScheduleSpec spec) {
      Qperf run = new Qperf();
      run.setMetadata(metadata);
      run.setSpec(spec.qperfTemplate());
      return run;
    }

    @Override
    RunSummary summarize(HasMetadata run) {
      return RunHistory.summaryOf((Qperf) run);
    }
  },

  MATRIX(QperfMatrix.class, QperfMatrix.KIND) {
    @Override
    HasMetadata newRun(ObjectMeta metadata, QperfScheduleSpec spec) {
      QperfMatrix run = new QperfMatrix();
      run.setMetadata(metadata);
      run.setSpec(spec.matrixTemplate());
      return run;
    }

    @Override
    RunSummary summarize(HasMetadata run) {
      return RunHistory.summaryOf((QperfMatrix) run);
    }
  };

  /** Every kind, for whoever lists or watches a schedule's runs whatever its template is now. */
  public static final List<RunKind> ALL = List.of(values());

  private final Class<? extends HasMetadata> type;
  private final String kind;

  RunKind(Class<? extends HasMetadata> type, String kind) {
    this.type = type;
    this.kind = kind;
  }

  /** The kind a schedule of this spec runs now: a matrix when it has a matrix template. */
  public static RunKind of(QperfScheduleSpec spec) {
    return spec != null && spec.matrixTemplate() != null ? MATRIX : QPERF;
  }

  /** The kind of this run. */
  public static RunKind of(HasMetadata run) {
    return run instanceof QperfMatrix ? MATRIX : QPERF;
  }

  /** The run's summary as a schedule's history keeps it, whatever its kind. */
  public static RunSummary summaryOf(HasMetadata run) {
    return of(run).summarize(run);
  }

  public Class<? extends HasMetadata> type() {
    return type;
  }

  /** The Kubernetes kind, e.g. {@code QperfMatrix}. */
  public String kind() {
    return kind;
  }

  /** A new run of this kind with this metadata and the spec's template of this kind. */
  abstract HasMetadata newRun(ObjectMeta metadata, QperfScheduleSpec spec);

  abstract RunSummary summarize(HasMetadata run);
}

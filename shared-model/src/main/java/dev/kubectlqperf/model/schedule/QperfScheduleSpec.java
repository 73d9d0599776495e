package dev.kubectlqperf.model.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.matrix.QperfMatrixSpec;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * When to measure and what: the fields of a CronJob spec, the run template, and the trend's
 * parameters. The template is either a {@code qperfTemplate} (each run a Qperf) or a
 * {@code matrixTemplate} (each run a QperfMatrix), exactly one of them set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QperfScheduleSpec(
    @Required @JsonPropertyDescription("When to run, in cron format (5 fields, as a CronJob's; @hourly, @daily, "
        + "@weekly, @monthly, @yearly too), e.g. '*/15 * * * *'.")
        String schedule,
    @JsonPropertyDescription("The time zone of the schedule, an IANA name such as Europe/Paris. Default: UTC.")
        String timeZone,
    @JsonPropertyDescription("True: no new runs (runs already started go on). Default: false.")
        Boolean suspend,
    @JsonPropertyDescription("Forbid (default: no new run while one runs), Replace (delete the running one first) or "
        + "Allow.")
        ConcurrencyPolicy concurrencyPolicy,
    @Min(0) @JsonPropertyDescription("A run more than this many seconds late (e.g. the pipeline was down) is skipped. "
        + "Default: no deadline.")
        Long startingDeadlineSeconds,
    @Min(0) @JsonPropertyDescription("How many completed runs (child Qperves or QperfMatrices) to keep. Default: "
        + QperfScheduleSpec.DEFAULT_SUCCESSFUL_LIMIT)
        Integer successfulRunsHistoryLimit,
    @Min(0) @JsonPropertyDescription("How many failed runs (child Qperves or QperfMatrices) to keep. Default: "
        + QperfScheduleSpec.DEFAULT_FAILED_LIMIT)
        Integer failedRunsHistoryLimit,
    @Min(1) @Max(QperfScheduleSpec.MAX_BASELINE_RUNS) @JsonPropertyDescription("The trend compares the latest completed "
        + "run with this many completed runs before it. Default: " + QperfScheduleSpec.DEFAULT_BASELINE_RUNS)
        Integer trendBaselineRuns,
    @Min(0) @JsonPropertyDescription("Where the latest run has a single sample (no confidence interval), a change "
        + "beyond this many percent counts. Default: " + QperfScheduleSpec.DEFAULT_THRESHOLD_PERCENT)
        Double trendThresholdPercent,
    @JsonPropertyDescription("The Qperf spec each run gets. Exactly one of qperfTemplate and matrixTemplate.")
        QperfSpec qperfTemplate,
    @JsonPropertyDescription("The QperfMatrix spec each run gets: every run measures the node pairs of a matrix, and "
        + "its headline numbers are the matrix's cluster medians. Exactly one of qperfTemplate and matrixTemplate.")
        QperfMatrixSpec matrixTemplate) {

  public static final int DEFAULT_SUCCESSFUL_LIMIT = 3;
  public static final int DEFAULT_FAILED_LIMIT = 1;
  public static final int DEFAULT_BASELINE_RUNS = 5;
  public static final int MAX_BASELINE_RUNS = 20;
  public static final double DEFAULT_THRESHOLD_PERCENT = 5;

  /** A schedule of this template with every other field defaulted. */
  public static QperfScheduleSpec of(String schedule, QperfSpec template) {
    return new QperfScheduleSpec(schedule, null, null, null, null, null, null, null, null, template, null);
  }

  /** A schedule of matrices of this template with every other field defaulted. */
  public static QperfScheduleSpec ofMatrix(String schedule, QperfMatrixSpec template) {
    return new QperfScheduleSpec(schedule, null, null, null, null, null, null, null, null, null, template);
  }

  /** This spec with other history limits. */
  public QperfScheduleSpec withHistoryLimits(Integer successful, Integer failed) {
    return new QperfScheduleSpec(schedule, timeZone, suspend, concurrencyPolicy, startingDeadlineSeconds, successful,
        failed, trendBaselineRuns, trendThresholdPercent, qperfTemplate, matrixTemplate);
  }

  /** This spec suspended or not. */
  public QperfScheduleSpec withSuspend(Boolean newSuspend) {
    return new QperfScheduleSpec(schedule, timeZone, newSuspend, concurrencyPolicy, startingDeadlineSeconds,
        successfulRunsHistoryLimit, failedRunsHistoryLimit, trendBaselineRuns, trendThresholdPercent, qperfTemplate,
        matrixTemplate);
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }

  public ConcurrencyPolicy effectiveConcurrencyPolicy() {
    return concurrencyPolicy == null ? ConcurrencyPolicy.Forbid : concurrencyPolicy;
  }

  public int effectiveSuccessfulLimit() {
    return successfulRunsHistoryLimit == null ? DEFAULT_SUCCESSFUL_LIMIT : Math.max(0, successfulRunsHistoryLimit);
  }

  public int effectiveFailedLimit() {
    return failedRunsHistoryLimit == null ? DEFAULT_FAILED_LIMIT : Math.max(0, failedRunsHistoryLimit);
  }

  public int effectiveBaselineRuns() {
    return trendBaselineRuns == null ? DEFAULT_BASELINE_RUNS
        : Math.min(MAX_BASELINE_RUNS, Math.max(1, trendBaselineRuns));
  }

  public double effectiveThresholdPercent() {
    return trendThresholdPercent == null || trendThresholdPercent < 0 ? DEFAULT_THRESHOLD_PERCENT
        : trendThresholdPercent;
  }
}

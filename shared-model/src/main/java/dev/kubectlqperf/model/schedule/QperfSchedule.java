package dev.kubectlqperf.model.schedule;

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
 * A measurement on a cron schedule, shaped like a CronJob: each due time creates a child
 * {@link Qperf} from the template; the status keeps a bounded history of the runs and a trend
 * verdict of the latest one against the ones before.
 */
@Group(Qperf.GROUP)
@Version(Qperf.VERSION)
@Kind(QperfSchedule.KIND)
@Plural(QperfSchedule.PLURAL)
@Singular(QperfSchedule.SINGULAR)
@ShortNames(QperfSchedule.SHORT_NAME)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Last Schedule", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Trend", jsonPath = ".status.trend.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Metric", jsonPath = ".status.trend.metric", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QperfSchedule extends CustomResource<QperfScheduleSpec, QperfScheduleStatus> implements Namespaced {

  public static final String KIND = "QperfSchedule";
  public static final String PLURAL = "qperfschedules";
  public static final String SINGULAR = "qperfschedule";
  public static final String SHORT_NAME = "qps";
  public static final String CRD_NAME = PLURAL + "." + Qperf.GROUP;
  public static final String API_VERSION = Qperf.API_VERSION;
  /** Like a CronJob's: the name plus {@code -} and the scheduled minute must make a valid child name. */
  public static final int MAX_NAME_LENGTH = 52;
}

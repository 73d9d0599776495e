package dev.kubectlqperf.model.schedule;

import dev.kubectlqperf.model.KubeNames;
import dev.kubectlqperf.model.QperfResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child a schedule creates for one due time, a Qperf or a QperfMatrix by its template
 * ({@link RunKind}): named after the schedule and the due minute, as a CronJob names its Jobs, so
 * a pass that runs twice (or a pipeline that restarted) finds the run it already created instead
 * of making a second one. Pure.
 */
public final class ScheduleRuns {

  private ScheduleRuns() {}

  /** {@code <schedule>-<minutes since the epoch>}. */
  public static String runName(String schedule, Instant due) {
    return schedule + "-" + due.getEpochSecond() / 60;
  }

  /** Selects every run of the named schedule. */
  public static Map<String, String> selector(String schedule) {
    return Map.of(QperfResources.LABEL_SCHEDULE, KubeNames.labelValue(schedule));
  }

  /** The run of this due time, of the kind the schedule's template says. */
  public static HasMetadata run(QperfSchedule schedule, Instant due) {
    String name = schedule.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>(selector(name));
    ObjectMeta metadata = new ObjectMetaBuilder()
        .withName(runName(name, due))
        .withNamespace(schedule.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(Map.of(QperfResources.ANNOTATION_SCHEDULED_TIME, due.toString()))
        .withOwnerReferences(ownerReferences(schedule))
        .build();
    return RunKind.of(schedule.getSpec()).newRun(metadata, schedule.getSpec());
  }

  /** The controller reference: deleting the schedule deletes its runs. Empty without a uid. */
  public static List<OwnerReference> ownerReferences(QperfSchedule schedule) {
    String uid = schedule.getMetadata().getUid();
    if (uid == null || uid.isBlank()) {
      return List.of();
    }
    return List.of(new OwnerReferenceBuilder().withApiVersion(QperfSchedule.API_VERSION).withKind(QperfSchedule.KIND)
        .withName(schedule.getMetadata().getName()).withUid(uid).withController(true).withBlockOwnerDeletion(true)
        .build());
  }

  /** Whether this run belongs to this very schedule (its uid), not to an earlier one of the same name. */
  public static boolean ownedBy(HasMetadata run, QperfSchedule schedule) {
    String uid = schedule.getMetadata().getUid();
    return run.getMetadata().getOwnerReferences() != null && run.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> QperfSchedule.KIND.equals(ref.getKind()) && uid != null && uid.equals(ref.getUid()));
  }
}

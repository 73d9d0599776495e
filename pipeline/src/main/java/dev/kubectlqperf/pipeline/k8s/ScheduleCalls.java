package dev.kubectlqperf.pipeline.k8s;

import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunKind;
import dev.kubectlqperf.model.schedule.ScheduleRuns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls the schedules make beyond {@link QperfCluster}'s: their own kind, and their runs
 * (Qperves, QperfMatrices).
 */
public class ScheduleCalls {

  private final KubernetesClient client;

  public ScheduleCalls(KubernetesClient client) {
    this.client = client;
  }

  public QperfSchedule schedule(String namespace, String name) {
    return client.resources(QperfSchedule.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * The runs of this very schedule: labelled for it and owned by its uid (not an earlier one's of
   * the name), of every kind, so runs of a template the schedule had before still count and are pruned.
   */
  public List<HasMetadata> runs(QperfSchedule schedule) {
    List<HasMetadata> runs = new ArrayList<>();
    for (RunKind kind : RunKind.ALL) {
      client.resources(kind.type()).inNamespace(schedule.getMetadata().getNamespace())
          .withLabels(ScheduleRuns.selector(schedule.getMetadata().getName())).list().getItems().stream()
          .filter(run -> ScheduleRuns.ownedBy(run, schedule)).forEach(runs::add);
    }
    return runs;
  }

  /** Replaces the whole status of the schedule with uid {@code uid} (a JSON patch that tests the uid first). */
  public void replaceStatus(String namespace, String name, String uid, QperfScheduleStatus status) {
    client.resources(QperfSchedule.class).inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), StatusPatch.replaceStatus(uid, status));
  }

  /** An informer on the QperfSchedules of {@code namespace} (null: every namespace), started. */
  public SharedIndexInformer<QperfSchedule> informSchedules(String namespace, ResourceEventHandler<HasMetadata> handler,
      long resyncMillis) {
    var schedules = client.resources(QperfSchedule.class);
    return LeanInformers.inform(namespace == null ? schedules.inAnyNamespace() : schedules.inNamespace(namespace),
        handler, resyncMillis);
  }

  /** An informer on the runs of this kind in {@code namespace} (null: every namespace) that a schedule made. */
  public SharedIndexInformer<? extends HasMetadata> informRuns(RunKind kind, String namespace,
      ResourceEventHandler<HasMetadata> handler) {
    var runs = client.resources(kind.type());
    return LeanInformers.inform((namespace == null ? runs.inAnyNamespace() : runs.inNamespace(namespace))
        .withLabel(QperfResources.LABEL_SCHEDULE), handler, 0);
  }
}

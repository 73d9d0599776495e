package dev.kubectlqperf.pipeline.schedule;

import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.RunKind;
import dev.kubectlqperf.pipeline.config.PipelineConfig;
import dev.kubectlqperf.pipeline.k8s.KeyedEvents;
import dev.kubectlqperf.pipeline.k8s.ScheduleCalls;
import dev.kubectlqperf.pipeline.work.KindWork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns cluster changes into QperfSchedule keys ({@code namespace/name}): the schedules
 * themselves, and their runs (Qperves and QperfMatrices labelled with a schedule), mapped to the schedule through
 * their controller reference, so a run that ends updates the history and the trend at once. The
 * schedules' informers resync every period, which also brings the next due time round.
 */
public final class ScheduleEventSource implements KindWork.EventSource {

  private final ScheduleCalls calls;
  private final PipelineConfig config;
  private final Consumer<String> keys;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public ScheduleEventSource(ScheduleCalls calls, PipelineConfig config, Consumer<String> keys) {
    this.calls = calls;
    this.config = config;
    this.keys = keys;
  }

  @Override
  public void start() {
    long resync = config.resync().toMillis();
    for (String ns : config.watchesAllNamespaces() ? Collections.<String>singletonList(null) : config.namespaces()) {
      informers.add(calls.informSchedules(ns, new KeyedEvents(ScheduleEventSource::keyOf, keys), resync));
      for (RunKind kind : RunKind.ALL) {
        informers.add(calls.informRuns(kind, ns, new KeyedEvents(ScheduleEventSource::ownerKey, keys)));
      }
    }
  }

  private static String keyOf(HasMetadata schedule) {
    return schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName();
  }

  private static String ownerKey(HasMetadata run) {
    var owners = run.getMetadata().getOwnerReferences();
    return owners == null ? null : owners.stream()
        .filter(ref -> QperfSchedule.KIND.equals(ref.getKind()) && Boolean.TRUE.equals(ref.getController()))
        .map(ref -> run.getMetadata().getNamespace() + "/" + ref.getName()).findFirst().orElse(null);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}

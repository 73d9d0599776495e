package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.result.RunIdentity;

/** The identity a result document gets from the run it belongs to. Pure. */
public final class RunIdentities {

  private RunIdentities() {}

  /** The identity of a run of {@code qperf}, ended at {@code endTime} on {@code clientNode}. */
  public static RunIdentity of(Qperf qperf, String endTime, String clientNode, String qperfVersion) {
    var status = qperf.getStatus();
    QperfSpec spec = qperf.getSpec();
    return new RunIdentity(qperf.getMetadata().getNamespace(), qperf.getMetadata().getName(),
        qperf.getMetadata().getUid(), status == null ? null : status.getStartTime(), endTime,
        status == null ? null : status.getServerNode(), clientNode, qperfVersion, 1,
        spec == null ? null : spec.effectiveServiceType().name(),
        spec == null ? null : spec.server().usesHostNetwork(),
        spec == null ? null : spec.client().usesHostNetwork());
  }
}

package dev.kubectlqperf.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample manifest maps completely onto the model and validates; the defaults are CronJob's. */
class QperfScheduleYamlTest {

  private static QperfSchedule sample() throws IOException {
    try (InputStream in = QperfScheduleYamlTest.class.getResourceAsStream("/samples/qperfschedule.yaml")) {
      return Fixtures.STRICT_YAML.readValue(in, QperfSchedule.class);
    }
  }

  @Test
  void theSampleReadsStrictlyAndIsValid() throws IOException {
    QperfSchedule schedule = sample();
    assertEquals("QperfSchedule", HasMetadata.getKind(QperfSchedule.class));
    assertEquals("qperfschedules.perf.kubestone.xridge.io", QperfSchedule.CRD_NAME);
    assertEquals(ConcurrencyPolicy.Forbid, schedule.getSpec().effectiveConcurrencyPolicy());
    assertEquals(List.of("tcp_bw", "tcp_lat"), schedule.getSpec().qperfTemplate().tests());
    assertEquals(300L, schedule.getSpec().startingDeadlineSeconds());
    assertEquals(List.of(), ScheduleValidator.errors(schedule));
  }

  @Test
  void defaultsAreCronJobsAndTheTrendsOwn() {
    QperfScheduleSpec spec = QperfScheduleSpec.of("@hourly", null);
    assertEquals(ConcurrencyPolicy.Forbid, spec.effectiveConcurrencyPolicy());
    assertEquals(3, spec.effectiveSuccessfulLimit());
    assertEquals(1, spec.effectiveFailedLimit());
    assertEquals(5, spec.effectiveBaselineRuns());
    assertFalse(spec.suspended());
  }

  @Test
  void aBadScheduleTimeZoneOrNameIsSaidPlainly() throws IOException {
    QperfSchedule schedule = sample();
    schedule.getMetadata().setName("x".repeat(53));
    schedule.setSpec(new QperfScheduleSpec("*/5 * * *", "Nowhere/Land", null, null, null, null, null, null, null,
        null, null));
    List<String> errors = ScheduleValidator.errors(schedule);
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("at most 52"));
    assertTrue(errors.get(1).contains("timeZone 'Nowhere/Land'"));
    assertTrue(errors.get(2).contains("qperfTemplate is missing"));
  }
}

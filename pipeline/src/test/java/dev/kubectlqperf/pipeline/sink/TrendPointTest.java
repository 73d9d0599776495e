package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.model.schedule.TrendVerdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendPointTest {

  @Test
  void aRegressionIsOnePointTaggedWithItsVerdictAndMetricAtTheTimeItBegan() {
    Trend trend = new Trend(TrendVerdict.Regressed, "tcp_bw bw", -40.0, 1.0e9, 6.0e8, "B/s",
        "2026-11-27T15:05:00Z", "nightly-29401", 5, "tcp_bw bw regressed");
    assertEquals("qperf_trend,namespace=perf,schedule=nightly,verdict=Regressed,metric=tcp_bw\\ bw regressed=1i,"
        + "change_percent=-40.0,baseline_mean=1.0E9,latest_mean=6.0E8 1795791900000",
        TrendPoint.line("perf", "nightly", trend, Instant.EPOCH));
  }

  @Test
  void tagValuesAreEscapedAndAVerdictWithoutAMetricHasNoneAndFallsBackToNow() {
    Trend stable = new Trend(TrendVerdict.Stable, null, null, null, null, null, null, null, 5, "stable");
    assertEquals("qperf_trend,namespace=a\\,b,schedule=x\\=y\\ z,verdict=Stable regressed=0i 1000",
        TrendPoint.line("a,b", "x=y z", stable, Instant.ofEpochMilli(1000)));
  }
}

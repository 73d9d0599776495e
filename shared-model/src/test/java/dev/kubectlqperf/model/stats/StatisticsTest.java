package dev.kubectlqperf.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubectlqperf.model.result.Summary;

import org.junit.jupiter.api.Test;

class StatisticsTest {

  private static final double EPS = 1e-6;

  @Test
  void eightSamplesMatchTheTextbookValues() {
    Summary s = Statistics.of(9, 2, 4, 5, 4, 7, 4, 5);
    assertEquals(8, s.count());
    assertEquals(5.0, s.mean(), EPS);
    assertEquals(2.138089935, s.stddev(), EPS); // sqrt(32 / 7): the sample deviation, n - 1
    assertEquals(42.76179871, s.cvPercent(), EPS);
    assertEquals(2.0, s.min(), EPS);
    assertEquals(4.5, s.p50(), EPS);
    assertEquals(7.6, s.p90(), EPS);
    assertEquals(8.86, s.p99(), EPS);
    assertEquals(9.0, s.max(), EPS);
    assertEquals(5.0 - 1.787487919, s.ci95Low(), EPS); // t(0.975, 7) = 2.3646
    assertEquals(5.0 + 1.787487919, s.ci95High(), EPS);
  }

  @Test
  void oneSampleHasNoDeviationNorInterval() {
    Summary s = Statistics.of(1.81e9);
    assertEquals(1, s.count());
    assertEquals(1.81e9, s.mean(), EPS);
    assertEquals(1.81e9, s.min(), EPS);
    assertEquals(1.81e9, s.p50(), EPS);
    assertEquals(1.81e9, s.p99(), EPS);
    assertEquals(1.81e9, s.max(), EPS);
    assertNull(s.stddev());
    assertNull(s.cvPercent());
    assertNull(s.ci95Low());
    assertNull(s.ci95High());
  }

  @Test
  void twoSamplesUseTheWideT() {
    Summary s = Statistics.of(3, 1);
    assertEquals(2.0, s.mean(), EPS);
    assertEquals(Math.sqrt(2), s.stddev(), EPS);
    assertEquals(70.71067812, s.cvPercent(), EPS);
    assertEquals(2.0, s.p50(), EPS);
    assertEquals(2.8, s.p90(), EPS);
    assertEquals(2.98, s.p99(), EPS);
    // t(0.975, 1) = 12.7062 times sd / sqrt(2) = 1
    assertEquals(2.0 - 12.706204736, s.ci95Low(), EPS);
    assertEquals(2.0 + 12.706204736, s.ci95High(), EPS);
  }

  @Test
  void identicalSamplesHaveZeroSpread() {
    Summary s = Statistics.of(7e-6, 7e-6, 7e-6);
    assertEquals(0.0, s.stddev(), 0);
    assertEquals(0.0, s.cvPercent(), 0);
    assertEquals(7e-6, s.ci95Low(), 1e-15);
    assertEquals(7e-6, s.ci95High(), 1e-15);
  }

  @Test
  void aZeroMeanHasNoCoefficientOfVariation() {
    assertNull(Statistics.of(-1, 1).cvPercent());
  }

  @Test
  void noSamplesIsAnError() {
    assertThrows(IllegalArgumentException.class, Statistics::of);
  }

  @Test
  void studentTMatchesTheTablesInsideAndBeyondThem() {
    assertEquals(12.706204736, StudentT.quantile975(1), EPS);
    assertEquals(2.570581836, StudentT.quantile975(5), EPS);
    assertEquals(2.042272456, StudentT.quantile975(30), EPS);
    assertEquals(2.039513446, StudentT.quantile975(31), 1e-5);
    assertEquals(2.021075390, StudentT.quantile975(40), 1e-5);
    assertEquals(2.000297822, StudentT.quantile975(60), 1e-5);
    assertEquals(1.979930405, StudentT.quantile975(120), 1e-5);
    assertEquals(1.962339095, StudentT.quantile975(999), 1e-5);
  }
}

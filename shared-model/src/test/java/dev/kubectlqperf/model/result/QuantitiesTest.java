package dev.kubectlqperf.model.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2.02e9     | B/s  | 2.02 GB/sec
      1812345678 | B/s  | 1.81 GB/sec
      999        | B/s  | 999 bytes/sec
      27600      | 1/s  | 27.6 K/sec
      7.02e-6    | s    | 7.02 us
      0.000123   | s    | 123 us
      1.5        | s    | 1.5 sec
      0          | s    | 0 sec
      0.762      | s/GB | 762 ms/GB
      138        | %cpu | 138 % cpus
      65536      | B    | 65.5 KB
      1200       | 1    | 1200
      """)
  void valuesReadAsQperfWritesThem(double value, String unit, String expected) {
    assertEquals(expected, Quantities.format(value, unit));
  }
}

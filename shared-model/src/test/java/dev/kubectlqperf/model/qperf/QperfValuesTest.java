package dev.kubectlqperf.model.qperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values read as qperf reads them (C's strtold and strtol); ValidatorAgainstQperfIT asks the real qperf. */
class QperfValuesTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"64K,65536", "1k,1000", "1kb,1000", "1M,1048576", "1mib,1048576", "1g,1000000000", "1.5K,1536",
      "1e3,1000", "0x10,16", "0x1p4,16", "0x.8K,512", "k,0", "'',0", "' 8',8", "-0,0", "4294967296,4294967296"})
  void sizes(String text, long bytes) {
    assertEquals(bytes, QperfValues.parseSize(text, "-m"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {"10q|-m: bad size: 10q", "1KB|-m: bad size: 1KB", "1e|-m: bad size: 1e",
      "0xk|-m: bad size: 0xk", "-1|-m requires a non-negative number",
      "1e19|-m requires a non-negative number", "inf|-m requires a non-negative number"})
  void sizesQperfRefuses(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> QperfValues.parseSize(text, "-m"))
        .getMessage());
  }

  @Test
  void loopFieldsMayBeNegative() {
    assertEquals(-5, QperfValues.sizeOf("-5", "-oo"));
  }

  @ParameterizedTest(name = "{0} = {1} s")
  @CsvSource({"10,10", "1.5,1", "0.5,0", "0.02m,1", "2m,120", "1H,3600", "1d,86400", "0x2,2", "-0,0", "'',0",
      "4294967297,4294967297", "1e19,-9223372036854775808", "inf,-9223372036854775808", "nan,-9223372036854775808"})
  void times(String text, long seconds) {
    assertEquals(seconds, QperfValues.parseTime(text, "-t"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {"10x|bad argument: 10x", "1ms|bad argument: 1ms",
      "-3|-t requires a non-negative number", "-3x|-t requires a non-negative number",
      "-inf|-t requires a non-negative number"})
  void timesQperfRefuses(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> QperfValues.parseTime(text, "-t"))
        .getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"5,5", "+5,5", "'',0", "' 7',7", "99999999999999999999,9223372036854775807"})
  void integers(String text, long value) {
    assertEquals(value, QperfValues.parseInt(text, "-ip"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {"any|bad argument: any", "5x|bad argument: 5x", "0x10|bad argument: 0x10",
      "1.5|bad argument: 1.5", "-1|-ip requires a non-negative number",
      "-99999999999999999999|-ip requires a non-negative number"})
  void integersQperfRefuses(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> QperfValues.parseInt(text, "-ip"))
        .getMessage());
  }

  @Test
  void qperfKeepsValuesIn32Bits() {
    assertEquals(0, QperfValues.stored(4294967296L));
    assertEquals(1, QperfValues.stored(4294967297L));
    assertEquals(0, QperfValues.stored(Long.MIN_VALUE));
    assertEquals(2147483648L, QperfValues.stored(2147483648L));
  }

  @Test
  void serviceLevelIsCheckedWhereverItIsRead() {
    QperfOption sl = QperfOption.find("-sl").orElseThrow();
    assertEquals(15, sl.read("-sl", "15"));
    assertEquals("service level must be between 0 and 15: 16 given",
        assertThrows(IllegalArgumentException.class, () -> sl.read("-sl", "16")).getMessage());
  }
}

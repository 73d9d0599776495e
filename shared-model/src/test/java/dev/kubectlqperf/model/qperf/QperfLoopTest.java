package dev.kubectlqperf.model.qperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** qperf's -oo as qperf 0.4.11 reads and runs it; ValidatorAgainstQperfIT runs the same loops for real. */
class QperfLoopTest {

  @ParameterizedTest(name = "{0} runs {1}")
  @CsvSource(delimiter = '|', value = {
      "msg_size:1:4K:*8|1 8 64 512 4096",
      "msg_size:1|1", // a field without a colon after it is read again: limit 1, increment 1
      "msg_size:2:8|2", // the limit read again as the increment: 2, then 10
      "::8|0 8", // default variable msg_size, default start 0, increment 8
      ":1:64:*4|1 4 16 64",
      "m::8:*2|1 2 4 8", // multiplying starts at 1
      "time:1:3:1:99|1 2 3", // a fifth field is ignored
      "msg_size:10:1|"})
  void runsTheValuesQperfRuns(String loop, String values) {
    QperfLoop.Runs runs = QperfLoop.parse("-oo", loop).runs(100);
    List<Long> expected = values == null ? List.of() : Arrays.stream(values.split(" ")).map(Long::valueOf).toList();
    assertEquals(expected, runs.values());
    assertFalse(runs.endless());
  }

  @ParameterizedTest(name = "{0} stays at {1}")
  @CsvSource(delimiter = '|', value = {"msg_size:1:8:*1|1", "msg_size:0:8:*2|0", "msg_size:1:8:|1", "time::0:|0"})
  void loopsThatNeverEnd(String loop, long value) {
    QperfLoop.Runs runs = QperfLoop.parse("-oo", loop).runs(100);
    assertTrue(runs.endless());
    assertEquals(List.of(value), runs.values());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "nosuch:1:8:2|-oo: nosuch: no such variable",
      "msg_size:1:8:0|-oo: 0: increment must be positive",
      "msg_size:1:8:*|-oo: : increment must be positive",
      "msg_size:1:|-oo: must specify limit",
      "msg_size|-oo: bad size: msg_size",
      "msg_size:1q:8:1|-oo: bad size: 1q"})
  void loopsQperfRefuses(String loop, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> QperfLoop.parse("-oo", loop))
        .getMessage());
  }

  @Test
  void theVariableIsAnyOptionNameWithoutDashes() {
    assertEquals("--time", QperfLoop.parse("-oo", "time:1:2:1").option().name());
    assertEquals("-t", QperfLoop.parse("-oo", "t:1:2:1").option().name());
    assertEquals("--msg_size", QperfLoop.parse("--loop", ":1:2:1").option().name());
    assertEquals(QperfOption.Setting.HOST, QperfLoop.parse("-oo", "host:1:1").option().setting());
  }

  @Test
  void longLoopsAreCutWhereAsked() {
    QperfLoop.Runs runs = QperfLoop.parse("-oo", "msg_size:1:1G:1").runs(10);
    assertEquals(10, runs.values().size());
    assertTrue(runs.cut());
    assertFalse(runs.endless());
  }
}

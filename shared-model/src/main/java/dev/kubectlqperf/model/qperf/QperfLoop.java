package dev.kubectlqperf.model.qperf;

import java.util.ArrayList;
import java.util.List;

/**
 * qperf's {@code -oo Var:Init:Last:Incr}, read as qperf 0.4.11 reads it (parse_loop, loop_arg) and
 * run as it runs it (do_loop): before every run of the tests it sets Var to the next value, from
 * Init while the value is at most Last, adding Incr (or multiplying by it, written {@code *Incr}).
 *
 * <p>qperf's field reader has two quirks that matter: a field with no colon after it is also read
 * as every later field ({@code msg_size:1} runs msg_size from 1 to 1 by 1, {@code msg_size:1:8} adds
 * 8), while an empty field takes its default (Var: msg_size; Init: 0, or 1 when multiplying;
 * Incr: 0, so {@code msg_size:1:8:} never ends).
 *
 * @param text the loop as written
 * @param variable the variable as written, or {@code msg_size} when empty
 * @param option the option whose variable it sets
 */
public record QperfLoop(String text, String variable, QperfOption option, long init, long last, long increment,
    boolean multiply) {

  /** The loop as qperf reads it; throws with qperf's message where qperf refuses it. */
  public static QperfLoop parse(String word, String text) {
    Fields fields = new Fields(text);
    String name = fields.next();
    String init = fields.next();
    String last = fields.next();
    String incr = fields.next();
    String variable = name == null ? "msg_size" : name;
    QperfOption option = QperfOption.loopVariable(variable)
        .orElseThrow(() -> new IllegalArgumentException(word + ": " + variable + ": no such variable"));
    boolean multiply = incr != null && incr.startsWith("*");
    long increment = 0;
    if (incr != null) {
      String digits = multiply ? incr.substring(1) : incr;
      increment = QperfValues.sizeOf(digits, word);
      if (increment < 1) {
        throw new IllegalArgumentException(word + ": " + digits + ": increment must be positive");
      }
    }
    long start = init == null ? (multiply ? 1 : 0) : QperfValues.sizeOf(init, word);
    if (last == null) {
      throw new IllegalArgumentException(word + ": must specify limit");
    }
    return new QperfLoop(text, variable, option, start, QperfValues.sizeOf(last, word), increment, multiply);
  }

  /** The value after {@code value}, with a C long's wrap-around. */
  public long next(long value) {
    return multiply ? value * increment : value + increment;
  }

  /**
   * The values the loop runs with, in order, at most {@code max} of them. A loop whose next value
   * is the value it has (adding 0, multiplying by 1, or 0 multiplied) never ends: its list holds
   * that value once and {@link Runs#endless()} is true.
   */
  public Runs runs(int max) {
    List<Long> values = new ArrayList<>();
    long value = init;
    while (value <= last && values.size() < max) {
      values.add(value);
      long next = next(value);
      if (next == value) {
        return new Runs(values, true, false);
      }
      value = next;
    }
    return new Runs(values, false, value <= last);
  }

  /**
   * @param values what the variable is set to, run after run
   * @param endless the last value repeats for ever
   * @param cut more values follow than were asked for
   */
  public record Runs(List<Long> values, boolean endless, boolean cut) {}

  /** qperf's loop_arg: a field ends at a colon; without one, the rest is returned again next time. */
  private static final class Fields {
    private String rest;

    Fields(String text) {
      rest = text;
    }

    String next() {
      String field = rest;
      int colon = field.indexOf(':');
      if (colon >= 0) {
        rest = field.substring(colon + 1);
        field = field.substring(0, colon);
      }
      return field.isEmpty() ? null : field;
    }
  }
}

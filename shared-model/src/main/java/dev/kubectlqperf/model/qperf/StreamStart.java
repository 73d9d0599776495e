package dev.kubectlqperf.model.qperf;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a client of a parallel run prints just before qperf starts: when it started, in the
 * seconds since boot of its node ({@code /proc/uptime}, 10 ms steps). Every stream of a repetition
 * runs in one pod, so on one node, and these clocks compare; a container's start time in the pod
 * status has whole seconds only. The image's shell (busybox) has no sub-second {@code date}. Pure.
 */
public final class StreamStart {

  public static final String MARKER = "qperf-stream-start";
  /** Prints the marker, then becomes qperf with the container's arguments ({@code $@}). */
  static final String SCRIPT = "read up rest < /proc/uptime; echo \"" + MARKER + " uptime=$up\"; exec qperf \"$@\"";
  private static final Pattern LINE = Pattern.compile("^" + MARKER + " uptime=([0-9]+(?:\\.[0-9]+)?)\\s*$",
      Pattern.MULTILINE);

  private StreamStart() {}

  /** The container command of a stream's client; its arguments are qperf's. */
  public static List<String> command() {
    return List.of("sh", "-c", SCRIPT, "qperf");
  }

  /** When the client started (seconds since its node booted), and the log without the marker. */
  public static Marked read(String log) {
    String text = log == null ? "" : log;
    Matcher m = LINE.matcher(text);
    if (!m.find()) {
      return new Marked(Optional.empty(), text);
    }
    int end = m.end() < text.length() && text.charAt(m.end()) == '\n' ? m.end() + 1 : m.end();
    return new Marked(Optional.of(Double.parseDouble(m.group(1))), text.substring(0, m.start()) + text.substring(end));
  }

  /** A stream's log: its start, when it printed one, and qperf's own output. */
  public record Marked(Optional<Double> uptime, String qperfOutput) {}
}

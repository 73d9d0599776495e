package dev.kubectlqperf.model.parse;

import java.util.ArrayList;
import java.util.List;

/** Lines the parser did not understand: kept for the reader, bounded so huge noise stays small. */
final class Unparsed {
  static final int MAX_LINES = 200;
  static final int MAX_LINE_LENGTH = 300;

  private final List<String> lines = new ArrayList<>();
  private long dropped;

  void add(String line) {
    if (lines.size() < MAX_LINES) {
      lines.add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "…" : line);
    } else {
      dropped++;
    }
  }

  List<String> lines() {
    List<String> all = new ArrayList<>(lines);
    if (dropped > 0) {
      all.add("… and " + dropped + " more unparsed lines");
    }
    return List.copyOf(all);
  }
}

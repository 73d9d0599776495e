package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.matrix.PairResult;
import dev.kubectlqperf.model.matrix.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pair results of a matrix as N×N grids, one per scenario and metric: rows are the client
 * (src) nodes, columns the server (dst) nodes, every value of a grid in one unit. With colour, each
 * cell's background is one of five ANSI 256 colours from worst (red) to best (green) over the grid's
 * own range, explained by a legend; without, the values stand alone. Pure: text in, text out.
 */
public final class MatrixHeatmap {

  /** Worst to best. */
  static final int[] COLOURS = {196, 208, 226, 154, 46};
  static final String FAILED = "FAIL";
  static final String NONE = "-";
  private static final int MAX_NAME = 16;

  private enum Metric {
    BANDWIDTH("bandwidth", true, PairResult::bandwidth, List.of(new Unit("B/s", 1), new Unit("KB/s", 1e3),
        new Unit("MB/s", 1e6), new Unit("GB/s", 1e9))),
    LATENCY("latency", false, PairResult::latency, List.of(new Unit("ns", 1e-9), new Unit("us", 1e-6),
        new Unit("ms", 1e-3), new Unit("s", 1)));

    final String label;
    final boolean higherIsBetter;
    final Function<PairResult, Double> value;
    final List<Unit> units;

    Metric(String label, boolean higherIsBetter, Function<PairResult, Double> value, List<Unit> units) {
      this.label = label;
      this.higherIsBetter = higherIsBetter;
      this.value = value;
      this.units = units;
    }
  }

  private record Unit(String name, double scale) {}

  private MatrixHeatmap() {}

  /** Every grid that has a value, scenario by scenario, bandwidth before latency. */
  public static String render(List<String> nodes, List<PairResult> pairs, boolean colour) {
    Map<Scenario, List<PairResult>> byScenario = pairs.stream().filter(p -> p.scenario() != null)
        .collect(Collectors.groupingBy(PairResult::scenario, TreeMap::new, Collectors.toList()));
    StringBuilder out = new StringBuilder();
    byScenario.forEach((scenario, results) -> {
      for (Metric metric : Metric.values()) {
        if (results.stream().map(metric.value).anyMatch(Objects::nonNull)) {
          grid(out, nodes, scenario, metric, results, colour);
        }
      }
    });
    return out.toString();
  }

  private static void grid(StringBuilder out, List<String> nodes, Scenario scenario, Metric metric,
      List<PairResult> results, boolean colour) {
    List<Double> values = results.stream().map(metric.value).filter(Objects::nonNull).sorted().toList();
    Unit unit = unitFor(metric, values.get(values.size() / 2));
    double min = values.get(0);
    double max = values.get(values.size() - 1);
    Map<String, PairResult> cells = results.stream()
        .collect(Collectors.toMap(p -> p.src() + "\u0000" + p.dst(), p -> p, (a, b) -> a));
    String[][] text = new String[nodes.size()][nodes.size()];
    int width = nodes.stream().mapToInt(n -> shortName(n).length()).max().orElse(1);
    for (int r = 0; r < nodes.size(); r++) {
      for (int c = 0; c < nodes.size(); c++) {
        PairResult pair = cells.get(nodes.get(r) + "\u0000" + nodes.get(c));
        Double v = pair == null ? null : metric.value.apply(pair);
        text[r][c] = pair != null && pair.failed() ? FAILED : v == null ? NONE : format(v / unit.scale());
        width = Math.max(width, text[r][c].length());
      }
    }
    int cellWidth = width;
    int rowHeader = Math.max("client\\server".length(), width);
    out.append(scenario).append(' ').append(metric.label).append(" (").append(unit.name())
        .append("), rows: client (src), columns: server (dst)\n");
    out.append(pad("client\\server", rowHeader));
    nodes.forEach(n -> out.append("  ").append(pad(shortName(n), cellWidth)));
    out.append('\n');
    for (int r = 0; r < nodes.size(); r++) {
      out.append(pad(shortName(nodes.get(r)), rowHeader));
      for (int c = 0; c < nodes.size(); c++) {
        PairResult pair = cells.get(nodes.get(r) + "\u0000" + nodes.get(c));
        Double v = pair == null ? null : metric.value.apply(pair);
        Integer shade = !colour ? null : pair != null && pair.failed() ? Integer.valueOf(COLOURS[0])
            : v == null ? null : COLOURS[bucket(v, min, max, metric.higherIsBetter)];
        out.append("  ").append(cell(pad(text[r][c], width), shade));
      }
      out.append('\n');
    }
    if (colour) {
      legend(out, min / unit.scale(), max / unit.scale(), metric.higherIsBetter, unit);
    }
    out.append('\n');
  }

  /** 0 (worst) to 4 (best), by where the value lies in the grid's range. */
  static int bucket(double v, double min, double max, boolean higherIsBetter) {
    if (max <= min) {
      return COLOURS.length - 1;
    }
    int b = (int) Math.min(COLOURS.length - 1, Math.floor((v - min) / (max - min) * COLOURS.length));
    return higherIsBetter ? b : COLOURS.length - 1 - b;
  }

  private static void legend(StringBuilder out, double min, double max, boolean higherIsBetter, Unit unit) {
    out.append("legend (").append(unit.name()).append("):");
    double step = (max - min) / COLOURS.length;
    for (int i = 0; i < COLOURS.length; i++) {
      double from = min + i * step;
      int colourIndex = higherIsBetter ? i : COLOURS.length - 1 - i;
      out.append(' ').append(cell("  ", COLOURS[colourIndex])).append(' ').append(format(from)).append('–')
          .append(format(i == COLOURS.length - 1 ? max : from + step));
    }
    out.append("  ").append(cell(FAILED, COLOURS[0])).append(" failed\n");
  }

  private static String cell(String text, Integer colour) {
    return colour == null ? text : "\u001b[30;48;5;" + colour + "m" + text + "\u001b[0m";
  }

  private static Unit unitFor(Metric metric, double typical) {
    Unit chosen = metric.units.get(0);
    for (Unit u : metric.units) {
      if (typical >= u.scale()) {
        chosen = u;
      }
    }
    return chosen;
  }

  static String format(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String shortName(String node) {
    return node.length() <= MAX_NAME ? node : node.substring(0, MAX_NAME - 1) + "…";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** The nodes of the results, sorted, when the matrix's status does not list them. */
  public static List<String> nodesOf(List<PairResult> pairs) {
    List<String> nodes = new ArrayList<>(pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.src(), p.dst()))
        .filter(Objects::nonNull).collect(Collectors.toCollection(java.util.TreeSet::new)));
    return List.copyOf(nodes);
  }
}

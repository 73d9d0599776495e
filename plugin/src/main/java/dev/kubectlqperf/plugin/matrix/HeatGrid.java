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
 * One N×N grid of a matrix, for one scenario and metric, as every view draws it (the terminal's
 * {@link MatrixHeatmap}, the HTML {@link MatrixReport}): rows are the client (src) nodes, columns
 * the server (dst) nodes, every value in one unit, each cell in one of {@value #SHADES} shades from
 * worst (0) to best over the grid's own range, a failed pair in the worst. Pure.
 *
 * @param text   the cell's value in {@link #unit()}, {@link #FAILED} or {@link #NONE}
 * @param shades the cell's shade, 0 (worst) to {@code SHADES - 1} (best), or null without a value
 */
record HeatGrid(Scenario scenario, String metric, String unit, boolean higherIsBetter, List<String> nodes,
    String[][] text, Integer[][] shades, double min, double max) {

  static final int SHADES = 5;
  static final String FAILED = "FAIL";
  static final String NONE = "-";

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

  /** One legend step: the shade and the range of values (in the grid's unit) it stands for. */
  record Step(int shade, double from, double to) {}

  /** Every grid that has a value, scenario by scenario, bandwidth before latency. */
  static List<HeatGrid> of(List<String> nodes, List<PairResult> pairs) {
    Map<Scenario, List<PairResult>> byScenario = pairs.stream().filter(p -> p.scenario() != null)
        .collect(Collectors.groupingBy(PairResult::scenario, TreeMap::new, Collectors.toList()));
    List<HeatGrid> grids = new ArrayList<>();
    byScenario.forEach((scenario, results) -> {
      for (Metric metric : Metric.values()) {
        if (results.stream().map(metric.value).anyMatch(Objects::nonNull)) {
          grids.add(grid(nodes, scenario, metric, results));
        }
      }
    });
    return grids;
  }

  private static HeatGrid grid(List<String> nodes, Scenario scenario, Metric metric, List<PairResult> results) {
    List<Double> values = results.stream().map(metric.value).filter(Objects::nonNull).sorted().toList();
    Unit unit = unitFor(metric, values.get(values.size() / 2));
    double min = values.get(0);
    double max = values.get(values.size() - 1);
    Map<String, PairResult> cells = results.stream()
        .collect(Collectors.toMap(p -> p.src() + "\u0000" + p.dst(), p -> p, (a, b) -> a));
    int n = nodes.size();
    String[][] text = new String[n][n];
    Integer[][] shades = new Integer[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        PairResult pair = cells.get(nodes.get(r) + "\u0000" + nodes.get(c));
        Double v = pair == null ? null : metric.value.apply(pair);
        boolean failed = pair != null && pair.failed();
        text[r][c] = failed ? FAILED : v == null ? NONE : format(v / unit.scale());
        shades[r][c] = failed ? Integer.valueOf(0) : v == null ? null : bucket(v, min, max, metric.higherIsBetter);
      }
    }
    return new HeatGrid(scenario, metric.label, unit.name(), metric.higherIsBetter, List.copyOf(nodes), text, shades,
        min / unit.scale(), max / unit.scale());
  }

  /** The grid's title, e.g. {@code PodToPod bandwidth (GB/s)}. */
  String title() {
    return scenario + " " + metric + " (" + unit + ")";
  }

  /** The legend, low values first: the shades of bandwidth rise along it, those of latency fall. */
  List<Step> legend() {
    double step = (max - min) / SHADES;
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < SHADES; i++) {
      double from = min + i * step;
      steps.add(new Step(higherIsBetter ? i : SHADES - 1 - i, from, i == SHADES - 1 ? max : from + step));
    }
    return steps;
  }

  /** 0 (worst) to SHADES - 1 (best), by where the value lies in the grid's range. */
  static int bucket(double v, double min, double max, boolean higherIsBetter) {
    if (max <= min) {
      return SHADES - 1;
    }
    int b = (int) Math.min(SHADES - 1, Math.floor((v - min) / (max - min) * SHADES));
    return higherIsBetter ? b : SHADES - 1 - b;
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
}

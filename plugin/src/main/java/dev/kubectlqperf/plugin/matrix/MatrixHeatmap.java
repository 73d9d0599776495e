package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.matrix.PairResult;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pair results of a matrix as text grids ({@link HeatGrid}: rows client, columns server, one
 * unit per grid). With colour, each cell's background is the ANSI 256 colour of its shade, from
 * worst (red) to best (green), explained by a legend; without, the values stand alone. Pure.
 */
public final class MatrixHeatmap {

  /** ANSI 256 colours of the shades, worst to best; the HTML report draws the same ones. */
  static final int[] COLOURS = {196, 208, 226, 154, 46};
  private static final int MAX_NAME = 16;

  private MatrixHeatmap() {}

  /** Every grid that has a value, scenario by scenario, bandwidth before latency. */
  public static String render(List<String> nodes, List<PairResult> pairs, boolean colour) {
    StringBuilder out = new StringBuilder();
    HeatGrid.of(nodes, pairs).forEach(grid -> grid(out, grid, colour));
    return out.toString();
  }

  private static void grid(StringBuilder out, HeatGrid grid, boolean colour) {
    List<String> nodes = grid.nodes();
    int width = nodes.stream().mapToInt(n -> shortName(n).length()).max().orElse(1);
    for (String[] row : grid.text()) {
      for (String cell : row) {
        width = Math.max(width, cell.length());
      }
    }
    int cellWidth = width;
    int rowHeader = Math.max("client\\server".length(), width);
    out.append(grid.title()).append(", rows: client (src), columns: server (dst)\n");
    out.append(pad("client\\server", rowHeader));
    nodes.forEach(n -> out.append("  ").append(pad(shortName(n), cellWidth)));
    out.append('\n');
    for (int r = 0; r < nodes.size(); r++) {
      out.append(pad(shortName(nodes.get(r)), rowHeader));
      for (int c = 0; c < nodes.size(); c++) {
        Integer shade = grid.shades()[r][c];
        out.append("  ").append(cell(pad(grid.text()[r][c], width), !colour || shade == null ? null : COLOURS[shade]));
      }
      out.append('\n');
    }
    if (colour) {
      out.append("legend (").append(grid.unit()).append("):");
      grid.legend().forEach(step -> out.append(' ').append(cell("  ", COLOURS[step.shade()])).append(' ')
          .append(HeatGrid.format(step.from())).append('–').append(HeatGrid.format(step.to())));
      out.append("  ").append(cell(HeatGrid.FAILED, COLOURS[0])).append(" failed\n");
    }
    out.append('\n');
  }

  private static String cell(String text, Integer colour) {
    return colour == null ? text : "\u001b[30;48;5;" + colour + "m" + text + "\u001b[0m";
  }

  private static String shortName(String node) {
    return node.length() <= MAX_NAME ? node : node.substring(0, MAX_NAME - 1) + "…";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** The nodes of the results, sorted, when the matrix's status does not list them. */
  public static List<String> nodesOf(List<PairResult> pairs) {
    return List.copyOf(pairs.stream().flatMap(p -> Stream.of(p.src(), p.dst())).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new)));
  }
}

package dev.kubectlqperf.plugin.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link HeatGrid} as inline SVG: one rectangle per cell filled with the RGB of the terminal's
 * ANSI colour for its shade, outliers outlined, the row and column names, and the legend with the
 * unit. Every name is escaped. Pure.
 */
final class SvgHeatmap {

  static final int CELL_W = 76;
  static final int CELL_H = 30;
  private static final int CHAR_W = 8;
  private static final int MAX_NAME = 24;
  private static final int LEGEND_H = 44;

  private SvgHeatmap() {}

  /** The RGB of an xterm 256-colour cube index (16..231), as {@code #rrggbb}. */
  static String rgb(int ansi) {
    int i = ansi - 16;
    return String.format(Locale.ROOT, "#%02x%02x%02x", level(i / 36), level(i / 6 % 6), level(i % 6));
  }

  private static int level(int v) {
    return v == 0 ? 0 : 55 + 40 * v;
  }

  /** @param outliers {@code src + "\u0000" + dst} of the pairs the status names outliers of this grid */
  static String render(HeatGrid grid, Set<String> outliers) {
    List<String> nodes = grid.nodes();
    int n = nodes.size();
    int longest = nodes.stream().mapToInt(s -> shortName(s).length()).max().orElse(1);
    int label = CHAR_W * Math.max("client \\ server".length(), longest) + 12;
    int top = Math.max(CELL_H, CHAR_W * longest * 2 / 3) + 12; // column names are turned by 40°
    int width = Math.max(label + n * CELL_W, 780) + 8;
    int height = top + n * CELL_H + LEGEND_H;
    StringBuilder svg = new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(grid.title())).append("\">\n");
    svg.append("<text x=\"4\" y=\"").append(top - 6).append("\" class=\"axis\">client \\ server</text>\n");
    for (int c = 0; c < n; c++) {
      int x = label + c * CELL_W + CELL_W / 2;
      svg.append("<text class=\"col\" transform=\"translate(").append(x).append(',').append(top - 6)
          .append(") rotate(-40)\"><title>").append(Html.escape(nodes.get(c))).append("</title>")
          .append(Html.escape(shortName(nodes.get(c)))).append("</text>\n");
    }
    for (int r = 0; r < n; r++) {
      int y = top + r * CELL_H;
      svg.append("<text class=\"row\" x=\"4\" y=\"").append(y + CELL_H / 2 + 4).append("\"><title>")
          .append(Html.escape(nodes.get(r))).append("</title>").append(Html.escape(shortName(nodes.get(r))))
          .append("</text>\n");
      for (int c = 0; c < n; c++) {
        cell(svg, grid, r, c, label + c * CELL_W, y, outliers.contains(nodes.get(r) + "\u0000" + nodes.get(c)));
      }
    }
    legend(svg, grid, top + n * CELL_H + 14);
    return svg.append("</svg>\n").toString();
  }

  private static void cell(StringBuilder svg, HeatGrid grid, int r, int c, int x, int y, boolean outlier) {
    Integer shade = grid.shades()[r][c];
    String text = grid.text()[r][c];
    svg.append("<g class=\"cell").append(outlier ? " outlier" : "").append("\" data-src=\"")
        .append(Html.escape(grid.nodes().get(r))).append("\" data-dst=\"").append(Html.escape(grid.nodes().get(c)))
        .append("\" data-shade=\"").append(shade == null ? "" : shade).append("\"><title>")
        .append(Html.escape(grid.nodes().get(r) + " -> " + grid.nodes().get(c) + ": " + text
            + (HeatGrid.FAILED.equals(text) || HeatGrid.NONE.equals(text) ? "" : " " + grid.unit())
            + (outlier ? " (outlier)" : ""))).append("</title>");
    svg.append("<rect x=\"").append(x + 1).append("\" y=\"").append(y + 1).append("\" width=\"").append(CELL_W - 2)
        .append("\" height=\"").append(CELL_H - 2).append("\" fill=\"")
        .append(shade == null ? "#eeeeee" : rgb(MatrixHeatmap.COLOURS[shade])).append('"')
        .append(outlier ? " stroke=\"#000000\" stroke-width=\"3\"" : "").append("/>");
    svg.append("<text x=\"").append(x + CELL_W / 2).append("\" y=\"").append(y + CELL_H / 2 + 4)
        .append("\" text-anchor=\"middle\">").append(Html.escape(text)).append("</text></g>\n");
  }

  private static void legend(StringBuilder svg, HeatGrid grid, int y) {
    svg.append("<g class=\"legend\"><text x=\"4\" y=\"").append(y + 11).append("\">legend (")
        .append(Html.escape(grid.unit())).append("):</text>\n");
    int x = 100;
    for (HeatGrid.Step step : grid.legend()) {
      x = swatch(svg, x, y, MatrixHeatmap.COLOURS[step.shade()],
          HeatGrid.format(step.from()) + "–" + HeatGrid.format(step.to()));
    }
    swatch(svg, x, y, MatrixHeatmap.COLOURS[0], HeatGrid.FAILED + " failed");
    svg.append("</g>\n");
  }

  private static int swatch(StringBuilder svg, int x, int y, int ansi, String label) {
    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
        .append(rgb(ansi)).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(y + 11).append("\">")
        .append(Html.escape(label)).append("</text>\n");
    return x + 16 + CHAR_W * label.length() + 14;
  }

  private static String shortName(String node) {
    return node.length() <= MAX_NAME ? node : node.substring(0, MAX_NAME - 1) + "…";
  }
}

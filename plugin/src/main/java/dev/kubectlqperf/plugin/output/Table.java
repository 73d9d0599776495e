package dev.kubectlqperf.plugin.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** kubectl-style columns: upper-case headers, left-aligned, three spaces apart. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... headers) {
    rows.add(headers);
  }

  public Table row(String... cells) {
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c).toArray(String[]::new));
    return this;
  }

  /** Prints the rows but not the header, aligned as if it were there (rows of a watch). */
  public void printRowsOnly(PrintWriter out) {
    print(out, false);
  }

  public boolean isEmpty() {
    return rows.size() == 1;
  }

  public void print(PrintWriter out) {
    print(out, true);
  }

  private void print(PrintWriter out, boolean withHeader) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns && i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : withHeader ? rows : rows.subList(1, rows.size())) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = i < row.length ? row[i] : "";
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - cell.length() + 3));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}

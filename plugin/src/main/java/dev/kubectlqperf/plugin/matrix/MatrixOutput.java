package dev.kubectlqperf.plugin.matrix;

import dev.kubectlqperf.model.matrix.QperfMatrix;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.kube.MatrixApi;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;

/** Prints one matrix in the format asked for; colour only on a terminal and without NO_COLOR. */
final class MatrixOutput {

  private MatrixOutput() {}

  static void print(MatrixApi api, QperfMatrix matrix, OutputFormat format, boolean colour, PrintWriter out) {
    switch (format) {
      case json -> out.println(Serialization.asJson(matrix));
      case yaml -> out.print(Serialization.asYaml(matrix));
      case csv -> out.print(MatrixView.csv(api.pairs(matrix)));
      case table -> out.print(MatrixView.text(matrix, api.pairs(matrix), colour));
    }
    out.flush();
  }

  /** https://no-color.org: any non-empty NO_COLOR turns colour off. */
  static boolean colour(boolean terminal, String noColor) {
    return terminal && (noColor == null || noColor.isEmpty());
  }
}

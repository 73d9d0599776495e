package dev.kubectlqperf.plugin.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.schedule.QperfSchedule;
import dev.kubectlqperf.model.schedule.QperfScheduleStatus;
import dev.kubectlqperf.model.schedule.RunKind;
import dev.kubectlqperf.model.schedule.RunMetric;
import dev.kubectlqperf.model.schedule.RunSummary;
import dev.kubectlqperf.model.schedule.Trend;
import dev.kubectlqperf.plugin.output.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule's history as text (a table of the runs, oldest first, a sparkline per headline
 * metric, the trend), JSON or CSV, the same for runs that are Qperves or QperfMatrices (a matrix
 * run's headline metrics are its cluster medians per scenario). Pure. The sparkline uses Unicode
 * blocks on a terminal and an ASCII ramp otherwise: the JVM writes a pipe in the locale's charset,
 * which is ASCII in the POSIX locale of many CI jobs, where a block would come out as {@code ?}.
 */
final class HistoryView {

  static final String BLOCKS = "▁▂▃▄▅▆▇█";
  static final String ASCII = "_.-~=+*#";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HistoryView() {}

  static String text(QperfSchedule schedule, boolean unicode) {
    QperfScheduleStatus status = status(schedule);
    List<RunSummary> runs = oldestFirst(status);
    List<String> labels = labels(runs);
    List<String> headers = new ArrayList<>(List.of("RUN", "SCHEDULED", "PHASE", "VERDICT"));
    labels.forEach(l -> headers.add(l.toUpperCase(java.util.Locale.ROOT)));
    Table table = new Table(headers.toArray(String[]::new));
    for (RunSummary run : runs) {
      List<String> cells = new ArrayList<>(List.of(run.name(), orDash(run.scheduledTime()),
          run.phase() == null ? "Pending" : run.phase().name(), run.verdict() == null ? "-" : run.verdict()));
      labels.forEach(l -> cells.add(metric(run, l).map(m -> Quantities.format(m.mean(), m.unit())).orElse("-")));
      table.row(cells.toArray(String[]::new));
    }
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("QperfSchedule " + schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName()
        + "  schedule '" + schedule.getSpec().schedule() + "'" + (schedule.getSpec().suspended() ? " (suspended)" : "")
        + "  runs " + RunKind.of(schedule.getSpec()).kind()
        + (status.nextScheduleTime() == null ? "" : "  next " + status.nextScheduleTime()));
    if (runs.isEmpty()) {
      out.println("No runs yet.");
    } else {
      table.print(out);
      out.println();
      for (String label : labels) {
        out.println(label + "  " + sparkline(runs.stream().filter(RunSummary::completed)
            .map(r -> metric(r, label)).flatMap(Optional::stream).mapToDouble(RunMetric::mean).toArray(), unicode));
      }
    }
    out.println("Trend: " + trendLine(status.trend()));
    out.flush();
    return text.toString();
  }

  static String trendLine(Trend trend) {
    if (trend == null) {
      return "unknown (the pipeline has not judged this schedule yet)";
    }
    return trend.verdict() + (trend.message() == null ? "" : ": " + trend.message())
        + (trend.since() == null || trend.metric() == null ? "" : " (since " + trend.since() + ")");
  }

  static String json(QperfSchedule schedule) throws com.fasterxml.jackson.core.JsonProcessingException {
    QperfScheduleStatus status = status(schedule);
    ObjectNode root = JSON.createObjectNode();
    root.put("namespace", schedule.getMetadata().getNamespace()).put("name", schedule.getMetadata().getName())
        .put("schedule", schedule.getSpec().schedule()).put("runKind", RunKind.of(schedule.getSpec()).kind());
    root.set("trend", JSON.valueToTree(status.trend()));
    ArrayNode runs = root.putArray("runs");
    oldestFirst(status).forEach(r -> runs.add(JSON.valueToTree(r)));
    return JSON.writeValueAsString(root);
  }

  /** One line per run and headline metric: run,scheduledTime,phase,verdict,test,metric,unit,count,mean,ci95Low,ci95High. */
  static String csv(QperfSchedule schedule) {
    StringBuilder csv = new StringBuilder("run,scheduledTime,phase,verdict,test,metric,unit,count,mean,ci95Low,ci95High\n");
    for (RunSummary r : oldestFirst(status(schedule))) {
      String head = String.join(",", r.name(), orEmpty(r.scheduledTime()), r.phase() == null ? "" : r.phase().name(),
          r.verdict() == null ? "" : r.verdict());
      if (r.metrics() == null) {
        csv.append(head).append(",,,,,,,\n");
        continue;
      }
      for (RunMetric m : r.metrics()) {
        csv.append(head).append(',').append(m.test()).append(',').append(m.metric()).append(',').append(m.unit())
            .append(',').append(m.count()).append(',').append(m.mean()).append(',')
            .append(m.ci95Low() == null ? "" : m.ci95Low()).append(',')
            .append(m.ci95High() == null ? "" : m.ci95High()).append('\n');
      }
    }
    return csv.toString();
  }

  /** Each value as one of eight levels between the smallest and the largest; a flat line when all are equal. */
  static String sparkline(double[] values, boolean unicode) {
    String ramp = unicode ? BLOCKS : ASCII;
    if (values.length == 0) {
      return "";
    }
    double min = java.util.Arrays.stream(values).min().orElse(0);
    double max = java.util.Arrays.stream(values).max().orElse(0);
    StringBuilder line = new StringBuilder();
    for (double v : values) {
      int level = max == min ? ramp.length() / 2 : (int) Math.round((v - min) / (max - min) * (ramp.length() - 1));
      line.append(ramp.charAt(level));
    }
    return line.toString();
  }

  private static QperfScheduleStatus status(QperfSchedule schedule) {
    return schedule.getStatus() == null ? QperfScheduleStatus.empty() : schedule.getStatus();
  }

  private static List<RunSummary> oldestFirst(QperfScheduleStatus status) {
    List<RunSummary> runs = new ArrayList<>(status.runsOrEmpty());
    java.util.Collections.reverse(runs);
    return runs;
  }

  private static List<String> labels(List<RunSummary> runs) {
    Set<String> labels = new LinkedHashSet<>();
    runs.stream().filter(r -> r.metrics() != null).forEach(r -> r.metrics().forEach(m -> labels.add(m.label())));
    return List.copyOf(labels);
  }

  private static Optional<RunMetric> metric(RunSummary run, String label) {
    return run.metrics() == null ? Optional.empty()
        : run.metrics().stream().filter(m -> m.label().equals(label)).findFirst();
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

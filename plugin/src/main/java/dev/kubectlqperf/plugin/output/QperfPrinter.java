package dev.kubectlqperf.plugin.output;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.plugin.option.OutputFormat;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints Qperves the way kubectl prints objects: a table, names, JSON or YAML. */
public final class QperfPrinter {

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final KubectlYaml yaml = new KubectlYaml(serialization);
  private final Clock clock;

  public QperfPrinter(Clock clock) {
    this.clock = clock;
  }

  public void print(List<Qperf> items, OutputFormat format, boolean withNamespace, boolean single, PrintWriter out) {
    switch (format) {
      case name -> items.forEach(q -> out.println("qperf.perf.kubestone.xridge.io/" + q.getMetadata().getName()));
      case json -> out.println(serialization.asJson(single ? items.get(0) : asList(items)));
      case yaml -> out.print(yaml.write(single ? items.get(0) : asList(items)));
      case table, wide -> {
        Table table = header(format == OutputFormat.wide, withNamespace);
        items.forEach(q -> row(table, q, format == OutputFormat.wide, withNamespace));
        if (table.isEmpty()) {
          out.println("No resources found.");
        } else {
          table.print(out);
        }
      }
      case csv -> throw new IllegalArgumentException("a Qperf has no CSV form");
    }
    out.flush();
  }

  public Table header(boolean wide, boolean withNamespace) {
    List<String> h = new java.util.ArrayList<>();
    if (withNamespace) {
      h.add("NAMESPACE");
    }
    h.addAll(List.of("NAME", "PHASE", "TESTS", "RESULT", "VERDICT", "AGE"));
    if (wide) {
      h.addAll(List.of("REASON", "SERVER", "CLIENT", "FAMILY"));
    }
    return new Table(h.toArray(String[]::new));
  }

  public void row(Table table, Qperf q, boolean wide, boolean withNamespace) {
    QperfStatus s = q.getStatus() == null ? new QperfStatus() : q.getStatus();
    List<String> cells = new java.util.ArrayList<>();
    if (withNamespace) {
      cells.add(q.getMetadata().getNamespace());
    }
    cells.add(q.getMetadata().getName());
    cells.add(phase(s));
    cells.add(q.getSpec() == null ? "" : String.join(",", q.getSpec().testsOrEmpty()));
    cells.add(s.getHeadline() == null ? "" : s.getHeadline());
    cells.add(s.getVerdict() == null ? "" : s.getVerdict().name());
    cells.add(Age.since(q.getMetadata().getCreationTimestamp(), clock.instant()));
    if (wide) {
      cells.add(s.getReason());
      cells.add(s.getServerNode());
      cells.add(s.getClientNode());
      cells.add(ipFamily(q));
    }
    table.row(cells.toArray(String[]::new));
  }

  /** The family the run measured over, else the one it asks; empty before a run that asks none has started. */
  public static String ipFamily(Qperf q) {
    if (q.getStatus() != null && q.getStatus().getIpFamily() != null) {
      return q.getStatus().getIpFamily().name();
    }
    return q.getSpec() == null || q.getSpec().ipFamily() == null ? "" : q.getSpec().ipFamily().name();
  }

  /** Kubestone-completed runs have no phase: say what their booleans say. */
  public static String phase(QperfStatus s) {
    if (s.getPhase() != null) {
      return s.getPhase().name();
    }
    if (Boolean.TRUE.equals(s.getCompleted())) {
      return "Completed";
    }
    return Boolean.TRUE.equals(s.getRunning()) ? "Running" : "Pending";
  }

  private static Map<String, Object> asList(List<Qperf> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", items);
    return list;
  }
}

package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.SinkDelivery;
import dev.kubectlqperf.model.TestSummary;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.RunNameMixin;
import dev.kubectlqperf.plugin.output.Age;
import dev.kubectlqperf.plugin.output.StatisticsTable;
import dev.kubectlqperf.plugin.output.Table;
import io.fabric8.kubernetes.api.model.Event;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "describe", description = "Spec, status, conditions, results per test and events of a run.")
public final class DescribeCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Mixin RunNameMixin run;

  DescribeCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    Qperf q = api.get(run.name());
    PrintWriter out = spec.commandLine().getOut();
    QperfSpec s = q.getSpec();
    QperfStatus st = q.getStatus() == null ? new QperfStatus() : q.getStatus();
    field(out, "Name", q.getMetadata().getName());
    field(out, "Namespace", q.getMetadata().getNamespace());
    field(out, "Created", q.getMetadata().getCreationTimestamp());
    field(out, "Tests", s == null ? "" : String.join(", ", s.testsOrEmpty()));
    field(out, "Options", s == null ? "" : s.options());
    field(out, "Image", s == null ? "" : s.imageName());
    field(out, "Service type", s == null ? "" : s.effectiveServiceType().name());
    field(out, "IP family", ipFamily(q, st));
    field(out, "Timeout", s == null ? "" : s.effectiveTimeoutSeconds() + "s");
    field(out, "Repetitions", s == null ? "" : String.valueOf(s.effectiveRepetitions()));
    if (s != null && s.effectiveParallel() > 1) {
      field(out, "Parallel", s.effectiveParallel() + " streams");
    }
    if (s != null && s.thresholds() != null && !s.thresholds().isEmpty()) {
      field(out, "Thresholds", String.join("; ", s.thresholds()));
    }
    field(out, "Phase", dev.kubectlqperf.plugin.output.QperfPrinter.phase(st));
    field(out, "Running", String.valueOf(Boolean.TRUE.equals(st.getRunning())));
    field(out, "Completed", String.valueOf(Boolean.TRUE.equals(st.getCompleted())));
    field(out, "Reason", st.getReason());
    field(out, "Message", st.getMessage());
    field(out, "Started", st.getStartTime());
    field(out, "Finished", st.getCompletionTime());
    field(out, "Server node", st.getServerNode());
    field(out, "Client node", st.getClientNode());
    field(out, "Verdict", st.getVerdict() == null ? null : st.getVerdict().name());
    if (st.getStartSkewSeconds() != null) {
      field(out, "Start skew", String.format(java.util.Locale.ROOT, "%.2f s between the first and the last stream",
          st.getStartSkewSeconds()));
    }
    section(out, "Conditions", conditions(st));
    if (st.getResults() != null || st.getStatistics() == null) {
      section(out, "Results", results(st.getResults()));
    }
    if (StatisticsTable.hasSpread(st.getStatistics())) {
      section(out, st.getAggregate() == null ? "Statistics" : "Statistics per stream", StatisticsTable.of(st.getStatistics()));
    }
    if (st.getAggregate() != null) {
      section(out, "Sum over streams", StatisticsTable.of(st.getAggregate()));
    }
    section(out, "Sinks", sinks(st));
    section(out, "Events", events(api.events(q)));
    out.flush();
    return ExitCodes.OK;
  }

  /** The family measured over; before the server is up, the one asked, or the cluster's primary. */
  private static String ipFamily(Qperf q, QperfStatus st) {
    if (st.getIpFamily() != null) {
      return st.getIpFamily().name();
    }
    return q.getSpec() == null || q.getSpec().ipFamily() == null ? "the cluster's primary"
        : q.getSpec().ipFamily().name() + " (asked)";
  }

  private static void field(PrintWriter out, String label, String value) {
    out.printf("%-14s%s%n", label + ":", value == null ? "" : value);
  }

  private static void section(PrintWriter out, String title, Table table) {
    out.println(title + ":");
    if (table.isEmpty()) {
      out.println("  <none>");
      return;
    }
    java.io.StringWriter text = new java.io.StringWriter();
    table.print(new PrintWriter(text));
    text.toString().lines().forEach(l -> out.println("  " + l));
  }

  private static Table conditions(QperfStatus st) {
    Table t = new Table("TYPE", "STATUS", "REASON", "MESSAGE");
    if (st.getConditions() != null) {
      st.getConditions().forEach(c -> t.row(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
    }
    return t;
  }

  private static Table results(List<TestSummary> results) {
    Table t = new Table("TEST", "RESULT", "METRIC", "VALUE");
    if (results != null) {
      for (TestSummary r : results) {
        String verdict = (Boolean.TRUE.equals(r.ok()) ? "ok" : "FAILED") + (r.stream() == null ? "" : " (stream " + r.stream() + ")");
        if (r.metrics() == null || r.metrics().isEmpty()) {
          t.row(r.test(), verdict, "", r.error());
        } else {
          boolean first = true;
          for (var m : r.metrics().entrySet()) {
            t.row(first ? r.test() : "", first ? verdict : "", m.getKey(), m.getValue().text());
            first = false;
          }
        }
      }
    }
    return t;
  }

  private static Table sinks(QperfStatus st) {
    Table t = new Table("SINK", "STATE", "ATTEMPTS", "DETAIL");
    if (st.getSinks() != null) {
      st.getSinks().forEach((sink, d) -> t.row(sink, String.valueOf(d.state()), String.valueOf(d.attempts()),
          detail(d)));
    }
    return t;
  }

  /** When it arrived, or why not yet, and where the pipeline kept a result it gave up on. */
  private static String detail(SinkDelivery d) {
    if (d.deliveredAt() != null) {
      return "delivered " + d.deliveredAt();
    }
    String error = d.lastError() == null ? "" : d.lastError();
    return d.deadLetter() == null ? error : error + " (dead letter: " + d.deadLetter() + ")";
  }

  private static Table events(List<Event> events) {
    Table t = new Table("TYPE", "REASON", "AGE", "MESSAGE");
    Instant now = Instant.now();
    events.forEach(e -> t.row(e.getType(), e.getReason(), e.getLastTimestamp() == null ? ""
        : Age.since(e.getLastTimestamp(), now), e.getMessage()));
    return t;
  }
}

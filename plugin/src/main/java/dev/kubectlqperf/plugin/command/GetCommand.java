package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.plugin.completion.QperfNames;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.output.QperfPrinter;
import dev.kubectlqperf.plugin.output.Table;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", description = {"List Qperf runs, or show one.",
    "Prints a table (the default), wide, name, json or yaml."})
public final class GetCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A Qperf; all in the namespace when omitted.",
      completionCandidates = QperfNames.class)
  String name;

  @Mixin OutputMixin output;

  @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. team=net.")
  String selector;

  @Option(names = {"-w", "--watch"}, description = "After listing, print a row for every change.")
  boolean watch;

  GetCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() throws InterruptedException {
    OutputFormat format = output.orElse(OutputFormat.table, OutputFormat.table, OutputFormat.wide, OutputFormat.name,
        OutputFormat.json, OutputFormat.yaml);
    QperfApi api = QperfApi.connect(context.kube(), kube.target());
    PrintWriter out = spec.commandLine().getOut();
    QperfPrinter printer = new QperfPrinter(Clock.systemUTC());
    List<Qperf> items = name != null ? List.of(api.get(name)) : api.list(allNamespaces, selector);
    if (items.isEmpty() && (format == OutputFormat.table || format == OutputFormat.wide)) {
      spec.commandLine().getErr().println("No resources found in " + (allNamespaces ? "any" : api.namespace())
          + " namespace.");
    } else {
      printer.print(items, format, allNamespaces, name != null, out);
    }
    if (watch) {
      follow(api, printer, format == OutputFormat.wide, out);
    }
    return ExitCodes.OK;
  }

  /** Prints one row per change until interrupted (Ctrl-C), like kubectl get -w. */
  private void follow(QperfApi api, QperfPrinter printer, boolean wide, PrintWriter out) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Watcher<Qperf> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, Qperf q) {
        if (name != null && !name.equals(q.getMetadata().getName())) {
          return;
        }
        Table row = printer.header(wide, allNamespaces);
        printer.row(row, q, wide, allNamespaces);
        synchronized (out) {
          row.printRowsOnly(out);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.countDown();
      }
    };
    try (var ignored = name != null ? api.watch(name, watcher) : api.watch(allNamespaces, watcher)) {
      closed.await();
    }
  }
}

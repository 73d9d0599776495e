package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.compare.MetricChange;
import dev.kubectlqperf.model.compare.ResultComparison;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.Quantities;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.plugin.completion.QperfNames;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.KubeOptions;
import dev.kubectlqperf.plugin.output.Table;
import dev.kubectlqperf.plugin.run.ClientResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", description = "Compare a run with a baseline, metric by metric; exit 1 on a regression.",
    footer = {"", "BASELINE and CANDIDATE are run names, or files saved with `kubectl qperf results NAME -o json`.",
        "A change counts when it is beyond the noise: the 95% confidence intervals do not overlap, or, for a",
        "run of one repetition (no interval), the change exceeds --threshold.", "",
        "Example:", "  kubectl qperf results nightly -o json > baseline.json",
        "  kubectl qperf compare baseline.json nightly-2"})
public final class CompareCommand implements Callable<Integer> {

  private final CliContext context;
  private final KubeOptions kube;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASELINE", completionCandidates = QperfNames.class) String baseline;
  @Parameters(index = "1", paramLabel = "CANDIDATE", completionCandidates = QperfNames.class) String candidate;

  @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5",
      description = "Relative change that counts where a side has a single sample (default: 5).")
  double thresholdPercent;

  private QperfApi api;

  CompareCommand(CliContext context, KubeOptions kube) {
    this.context = context;
    this.kube = kube;
  }

  @Override
  public Integer call() {
    if (thresholdPercent < 0) {
      throw new CliException(ExitCodes.USAGE, "--threshold must not be negative, got " + thresholdPercent);
    }
    QperfResult before = load(baseline);
    QperfResult after = load(candidate);
    List<MetricChange> changes = ResultComparison.compare(before, after, thresholdPercent);
    PrintWriter out = spec.commandLine().getOut();
    if (changes.isEmpty()) {
      throw new CliException(ExitCodes.FAILURE, baseline + " and " + candidate
          + " have no bandwidth, rate, latency or cost measured by both; nothing to compare");
    }
    Table table = new Table("TEST", "METRIC", "BASELINE", "CANDIDATE", "CHANGE", "NOISE", "VERDICT");
    for (MetricChange c : changes) {
      MetricStatistics b = c.baseline();
      table.row(b.label(), b.metric(), mean(b), mean(c.candidate()),
          String.format(Locale.ROOT, "%+.1f%%", c.changePercent()), noise(c.noise()), verdict(c.outcome()));
    }
    table.print(out);
    ResultComparison.unmatched(before, after)
        .forEach(s -> out.println("not in the baseline: " + s.label() + " " + s.metric()));
    long regressions = changes.stream().filter(MetricChange::isRegression).count();
    out.println(regressions == 0 ? "no regression" : regressions + " regression" + (regressions == 1 ? "" : "s"));
    out.flush();
    return regressions == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** A file when one exists at that path (or the argument looks like one), else a run in the namespace. */
  private QperfResult load(String source) {
    Path path = Path.of(source);
    if (Files.exists(path) || source.contains("/") || source.endsWith(".json")) {
      return fromFile(path);
    }
    if (api == null) {
      api = QperfApi.connect(context.kube(), kube.target());
    }
    return ClientResults.load(api, api.get(source));
  }

  private static QperfResult fromFile(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NOT_FOUND, "no such file: " + path);
    }
    // A results.jsonl holds one whole document per line; a saved document is pretty-printed JSON.
    List<String> documents = text.lines().filter(l -> !l.isBlank()).toList();
    if (documents.size() > 1 && documents.get(0).strip().startsWith("{") && documents.get(0).strip().endsWith("}")) {
      throw new CliException(ExitCodes.USAGE, path + " holds " + documents.size() + " result documents; save one "
          + "with `kubectl qperf results NAME -o json`");
    }
    try {
      return new ResultJson().read(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, path + ": " + e.getMessage());
    }
  }

  private static String mean(MetricStatistics s) {
    String value = Quantities.format(s.mean(), s.unit());
    return s.count() == 1 ? value : value + " (n=" + s.count() + ")";
  }

  private static String noise(MetricChange.Noise noise) {
    return switch (noise) {
      case INTERVALS_APART -> "95% CIs apart";
      case INTERVALS_OVERLAP -> "95% CIs overlap";
      case BEYOND_THRESHOLD -> "beyond threshold";
      case WITHIN_THRESHOLD -> "within threshold";
    };
  }

  private static String verdict(MetricChange.Outcome outcome) {
    return switch (outcome) {
      case REGRESSION -> "REGRESSION";
      case IMPROVEMENT -> "improved";
      case UNCHANGED -> "unchanged";
    };
  }
}

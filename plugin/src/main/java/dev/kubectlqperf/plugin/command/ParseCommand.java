package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.stats.ResultStatistics;
import dev.kubectlqperf.model.verdict.Threshold;
import dev.kubectlqperf.model.verdict.ThresholdCheck;
import dev.kubectlqperf.model.verdict.ThresholdParser;
import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.option.OutputMixin;
import dev.kubectlqperf.plugin.output.ResultPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "parse",
    description = {
        "Parse qperf client output (a pod log, or a file in the capture format) into the result document.",
        "Exits 0 when every test succeeded (and every --threshold holds), 1 when qperf reported a failure",
        "or a threshold failed. Prints json (the default), yaml, table or csv."},
    footer = {"%nExamples:%n  qperf 10.0.0.7 -vv tcp_bw tcp_lat | kubectl qperf parse - -o table",
        "  qperf 10.0.0.7 tcp_bw | kubectl qperf parse - -o table --threshold 'tcp_bw bw at least 1 GB/sec'"})
public final class ParseCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
      description = "qperf output to read; - (the default) reads standard input.")
  String file;

  @Mixin OutputMixin output;

  @Option(names = "--exit-code", paramLabel = "N",
      description = "qperf's exit code, if known (a capture file's header gives it too).")
  Integer exitCode;

  @Option(names = "--threshold", paramLabel = "RULE",
      description = "A rule the results must meet, repeatable, as in `create --threshold`.")
  List<String> thresholds;

  ParseCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    OutputFormat format = output.orElse(OutputFormat.json, OutputFormat.json, OutputFormat.yaml, OutputFormat.table,
        OutputFormat.csv);
    CaptureFile capture = CaptureFile.read(read());
    Integer code = exitCode != null ? exitCode : capture.exitCode();
    QperfResult result = judged(QperfOutputParser.parse(capture.output(), code));
    new ResultPrinter().print(result, format, spec.commandLine().getOut());
    return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** With thresholds: the statistics they judge and the verdict, as a run in the cluster would have. */
  private QperfResult judged(QperfResult result) {
    if (thresholds == null) {
      return result;
    }
    List<Threshold> rules = new ArrayList<>();
    for (String rule : thresholds) {
      try {
        rules.add(ThresholdParser.parse(rule));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--threshold: " + e.getMessage());
      }
    }
    var statistics = ResultStatistics.of(result.tests());
    return result.withStatistics(statistics).withVerdict(ThresholdCheck.evaluate(rules, statistics));
  }

  private String read() throws IOException {
    if (file.equals("-")) {
      return text(context.stdin());
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return text(in);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.NOT_FOUND, "no such file: " + file);
    }
  }

  private static String text(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}

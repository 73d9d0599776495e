package dev.kubectlqperf.plugin.command;

import dev.kubectlqperf.model.parse.CaptureFile;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.plugin.CliContext;
import dev.kubectlqperf.plugin.CliException;
import dev.kubectlqperf.plugin.ExitCodes;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.output.ResultPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "parse",
    description = {
        "Parse qperf client output (a pod log, or a file in the capture format) into the result document.",
        "Exits 0 when every test succeeded, 1 when qperf reported a failure."},
    footer = {"%nExample:%n  qperf 10.0.0.7 -vv tcp_bw tcp_lat | kubectl qperf parse - -o table"})
public final class ParseCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
      description = "qperf output to read; - (the default) reads standard input.")
  String file;

  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT",
      description = "json (default), yaml, table or csv.")
  OutputFormat output;

  @Option(names = "--exit-code", paramLabel = "N",
      description = "qperf's exit code, if known (a capture file's header gives it too).")
  Integer exitCode;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of unexpected errors.")
  boolean verbose;

  ParseCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    CaptureFile capture = CaptureFile.read(read());
    Integer code = exitCode != null ? exitCode : capture.exitCode();
    QperfResult result = QperfOutputParser.parse(capture.output(), code);
    new ResultPrinter().print(result, output, spec.commandLine().getOut());
    return result.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
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

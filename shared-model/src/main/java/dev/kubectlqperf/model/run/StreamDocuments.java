package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfDefaults;
import dev.kubectlqperf.model.QperfResources;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import dev.kubectlqperf.model.qperf.OptionSplitter;
import dev.kubectlqperf.model.qperf.QperfValues;
import dev.kubectlqperf.model.qperf.StreamStart;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.StartSkew;
import dev.kubectlqperf.model.result.StreamOutcome;
import dev.kubectlqperf.model.result.TestResult;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The document of one repetition of a parallel run, from the logs of its client pod's containers
 * (one per stream): every stream's blocks with its number, how each stream ended and when it
 * started, and how far apart the streams started. Pure.
 */
public final class StreamDocuments {

  private StreamDocuments() {}

  public static QperfResult of(Qperf qperf, Pod client, Function<String, String> logOf, Instant now) {
    int repetition = QperfResources.repetitionOf(client);
    List<TestResult> tests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> unparsed = new ArrayList<>();
    List<StreamOutcome> outcomes = new ArrayList<>();
    List<Optional<Double>> starts = new ArrayList<>();
    String version = null;
    for (String container : QperfResources.clientContainers(qperf)) {
      int stream = QperfResources.streamOf(container);
      StreamStart.Marked marked = StreamStart.read(Objects.requireNonNullElse(logOf.apply(container), ""));
      ContainerStateTerminated terminated = ClientPodResult.terminated(client, container);
      Integer exit = terminated == null ? null : terminated.getExitCode();
      QperfResult parsed = QperfOutputParser.parse(marked.qperfOutput(), exit);
      String prefix = "stream " + stream + ": ";
      parsed.tests().forEach(t -> tests.add(t.inStream(stream)));
      parsed.errors().forEach(e -> errors.add(prefix + e));
      if (parsed.warnings() != null) {
        parsed.warnings().forEach(w -> warnings.add(prefix + w));
      }
      if (parsed.unparsed() != null) {
        unparsed.addAll(parsed.unparsed());
      }
      version = version != null || parsed.run() == null ? version : parsed.run().qperfVersion();
      starts.add(marked.uptime());
      outcomes.add(new StreamOutcome(repetition, stream, parsed.ok(), exit, null, parsed.ok() ? null : parsed.firstError()));
    }
    StartSkew skew = StartSkew.of(repetition, skew(starts), testSeconds(qperf));
    if (skew.large()) {
      warnings.add(skewWarning(skew));
    }
    boolean ok = outcomes.stream().allMatch(StreamOutcome::ok);
    Integer exitCode = outcomes.stream().map(StreamOutcome::exitCode).filter(c -> c != null && c != 0).findFirst()
        .orElse(outcomes.stream().allMatch(o -> o.exitCode() != null) ? 0 : null);
    String end = ClientPodResult.terminated(client) != null && ClientPodResult.terminated(client).getFinishedAt() != null
        ? latestFinish(qperf, client) : now.toString();
    return new QperfResult(QperfResult.SCHEMA, ok,
        RunIdentities.of(qperf, end, client.getSpec() == null ? null : client.getSpec().getNodeName(), version)
            .withRepetition(repetition),
        exitCode, tests, errors, warnings, unparsed, null, null, null, withOffsets(outcomes, starts), null, null,
        List.of(skew));
  }

  /** e.g. {@code the streams started 0.42 s apart, more than 10 % of the 2 s test time; …}. */
  public static String skewWarning(StartSkew skew) {
    return String.format(Locale.ROOT, "the streams started %.2f s apart, more than %.0f %% of the %s s "
        + "test time; they measured together for less of it", skew.seconds(), StartSkew.LARGE_PERCENT,
        java.math.BigDecimal.valueOf(skew.testSeconds()).stripTrailingZeros().toPlainString());
  }

  /** Seconds qperf measures each test for: the last -t/--time of the options, else qperf's 2 s. */
  public static double testSeconds(Qperf qperf) {
    List<String> args = OptionSplitter.split(qperf.getSpec() == null ? null : qperf.getSpec().options());
    double seconds = QperfDefaults.QPERF_TEST_SECONDS;
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("-t") || args.get(i).equals("--time")) {
        try {
          seconds = QperfValues.parseTime(args.get(i + 1), args.get(i));
        } catch (IllegalArgumentException e) {
          // validation refuses such a run before it starts
        }
      }
    }
    return seconds;
  }

  private static Double skew(List<Optional<Double>> starts) {
    if (starts.isEmpty() || starts.stream().anyMatch(Optional::isEmpty)) {
      return null;
    }
    double min = starts.stream().mapToDouble(Optional::get).min().orElse(0);
    double max = starts.stream().mapToDouble(Optional::get).max().orElse(0);
    return round(max - min);
  }

  private static List<StreamOutcome> withOffsets(List<StreamOutcome> outcomes, List<Optional<Double>> starts) {
    double first = starts.stream().flatMap(Optional::stream).mapToDouble(Double::doubleValue).min().orElse(0);
    List<StreamOutcome> result = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      StreamOutcome o = outcomes.get(i);
      Double offset = starts.get(i).map(s -> round(s - first)).orElse(null);
      result.add(new StreamOutcome(o.repetition(), o.stream(), o.ok(), o.exitCode(), offset, o.error()));
    }
    return result;
  }

  /** The uptime clock has 10 ms steps; a difference of two readings has no more digits than that. */
  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private static String latestFinish(Qperf qperf, Pod client) {
    return QperfResources.clientContainers(qperf).stream().map(c -> ClientPodResult.terminated(client, c))
        .filter(t -> t != null && t.getFinishedAt() != null).map(ContainerStateTerminated::getFinishedAt)
        .max(String::compareTo).orElse(ClientPodResult.terminated(client).getFinishedAt());
  }
}

package dev.kubectlqperf.plugin.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * Answers cobra's {@code __complete} protocol from picocli's model, as kubectl (1.26+) asks a
 * plugin's {@code kubectl_complete-NAME}: given the words typed so far, the last one being
 * completed (possibly empty), the candidates one per line, then {@code :DIRECTIVE}.
 */
public final class CobraCompletion {

  /** cobra's ShellCompDirectiveDefault: the shell may complete file names. */
  static final int FILES = 0;
  /** cobra's ShellCompDirectiveNoFileComp. */
  static final int NO_FILES = 4;

  public record Answer(List<String> candidates, int directive) {
    public List<String> lines() {
      return Stream.concat(candidates.stream(), Stream.of(":" + directive)).toList();
    }
  }

  private CobraCompletion() {}

  /** {@code runNames}: the runs to offer where a command takes one; asked only then. */
  public static Answer complete(CommandLine root, List<String> words, Supplier<Iterable<String>> runNames) {
    String current = words.isEmpty() ? "" : words.get(words.size() - 1);
    List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
    CommandLine command = root;
    int positionals = 0;
    OptionSpec awaitingValue = null;
    for (String word : before) {
      if (awaitingValue != null) {
        awaitingValue = null;
      } else if (word.startsWith("-")) {
        OptionSpec option = command.getCommandSpec().findOption(word.split("=", 2)[0]);
        awaitingValue = option != null && !word.contains("=") && option.arity().min() > 0 ? option : null;
      } else if (positionals == 0 && command.getSubcommands().containsKey(word)) {
        command = command.getSubcommands().get(word);
      } else {
        positionals++;
      }
    }
    if (awaitingValue != null) {
      return values(awaitingValue, current);
    }
    if (current.startsWith("-")) {
      return new Answer(matching(optionNames(command.getCommandSpec()), current), NO_FILES);
    }
    List<String> candidates = new ArrayList<>();
    if (positionals == 0) {
      candidates.addAll(subcommands(command));
    }
    PositionalParamSpec parameter = positional(command.getCommandSpec(), positionals);
    if (parameter != null && parameter.completionCandidates() instanceof QperfNames) {
      runNames.get().forEach(candidates::add);
    } else if (parameter != null && parameter.completionCandidates() == null && candidates.isEmpty()) {
      return new Answer(List.of(), FILES);
    }
    return new Answer(matching(candidates, current), NO_FILES);
  }

  private static Answer values(OptionSpec option, String current) {
    Iterable<String> known = option.completionCandidates();
    if (known == null) {
      // a path (--kubeconfig, -f) lets the shell offer files; a free value (-n, --context) offers nothing
      return new Answer(List.of(), option.paramLabel().equals("FILE") ? FILES : NO_FILES);
    }
    List<String> values = new ArrayList<>();
    known.forEach(values::add);
    return new Answer(matching(values, current), NO_FILES);
  }

  private static List<String> subcommands(CommandLine command) {
    return command.getSubcommands().entrySet().stream()
        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
        .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
        .map(e -> e.getKey()).toList();
  }

  private static List<String> optionNames(CommandSpec spec) {
    return spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names())).distinct().toList();
  }

  private static PositionalParamSpec positional(CommandSpec spec, int index) {
    return spec.positionalParameters().stream().filter(p -> p.index().contains(index)).findFirst().orElse(null);
  }

  private static List<String> matching(List<String> candidates, String prefix) {
    return candidates.stream().filter(c -> c.startsWith(prefix)).toList();
  }
}

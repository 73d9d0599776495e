package dev.kubectlqperf.plugin.completion;

import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes run names after the commands that take one; picocli's jline integration completes
 * commands and options but not positional parameters. The names are read at each Tab, so runs
 * created after the shell started complete too.
 */
public final class RunNameCompleter implements Completer {

  private static final Set<String> TAKES_A_NAME = Set.of("get", "describe", "logs", "results", "delete");
  private final Iterable<String> names;

  public RunNameCompleter(Iterable<String> names) {
    this.names = names;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    if (line.wordIndex() < 1 || words.isEmpty() || !TAKES_A_NAME.contains(words.get(0)) || line.word().startsWith("-")) {
      return;
    }
    String previous = words.get(line.wordIndex() - 1);
    if (previous.startsWith("-") && !previous.equals("-A")) {
      return; // the value of an option such as -n or -o
    }
    names.forEach(name -> candidates.add(new Candidate(name)));
  }
}

package dev.kubectlqperf.plugin.option;

import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * kubectl's {@code -v=N} (also {@code -v N}, {@code --v=N}). A bare {@code -v} (or
 * {@code --verbose}), as this plugin always took it, means {@link #STACK_TRACES}; it never takes
 * the next argument unless that is a level, so {@code parse -v capture.txt} reads the file.
 */
public final class Verbosity implements IParameterConsumer {

  /** From this level on, an unexpected error prints its stack trace (kubectl logs HTTP requests at 6). */
  public static final int STACK_TRACES = 6;

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
    if (!args.isEmpty() && args.peek().matches("\\d{1,2}")) {
      option.setValue(Integer.parseInt(args.pop()));
    } else {
      option.setValue(STACK_TRACES);
    }
  }
}

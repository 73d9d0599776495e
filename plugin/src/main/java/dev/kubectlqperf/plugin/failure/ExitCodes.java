package dev.kubectlqperf.plugin.failure;

/** The plugin's exit codes, documented in the README. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The run or the command failed. */
  public static final int FAILURE = 1;
  /** Bad flags or arguments. */
  public static final int USAGE = 2;
  /** The named Qperf (or file) does not exist. */
  public static final int NOT_FOUND = 3;
  /** No cluster answers, or the Qperf CRD is not installed. */
  public static final int UNREACHABLE = 4;

  private ExitCodes() {}
}

package dev.kubectlqperf.model.qperf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * qperf 0.4.11's option table: every spelling, what kind of argument it takes, and which setting
 * it changes. Obsolete spellings resolve to their replacement, as qperf does (with a warning).
 */
public record QperfOption(String name, ArgType argType, Setting setting) {

  /** How qperf reads the option's argument. */
  public enum ArgType {
    /** No argument. */
    FLAG,
    /** A non-negative decimal integer. */
    INT,
    /** A number with an optional size suffix (k, kb, K, kib, …). */
    SIZE,
    /** Seconds with an optional s/m/h/d suffix, truncated to whole seconds. */
    TIME,
    /** Any string. */
    STRING,
    /** {@code Var:Init:Last:Incr}. */
    LOOP,
    /** An integer from 0 to 15. */
    SERVICE_LEVEL,
    /** Prints help, optionally for a category, and exits. */
    HELP
  }

  /** What an option changes; the validator reasons about these, not about spellings. */
  public enum Setting {
    HOST, LISTEN_PORT, HELP, VERSION, DEBUG, NO_MSGS, TIME, IP_PORT, LOOP, WAIT_SERVER, OTHER
  }

  private static final Map<String, QperfOption> BY_NAME = new HashMap<>();
  private static final Map<String, String> RENAMED = new HashMap<>();

  static {
    add(ArgType.INT, Setting.OTHER, "--access_recv", "-ar", "--alt_port", "-ap", "--loc_alt_port", "-lap",
        "--rem_alt_port", "-rap", "--cpu_affinity", "-ca", "--loc_cpu_affinity", "-lca", "--rem_cpu_affinity",
        "-rca", "--flip", "-f", "--cq_poll", "-cp", "--loc_cq_poll", "-lcp", "--rem_cq_poll", "-rcp",
        "--precision", "-e", "--rd_atomic", "-nr", "--loc_rd_atomic", "-lnr", "--rem_rd_atomic", "-rnr",
        "--use_cm", "-cm");
    add(ArgType.FLAG, Setting.OTHER, "-ar1", "-f1", "-cp1", "-lcp1", "-rcp1", "-cm1",
        "--unify_nodes", "-un", "--unify_units", "-uu", "--use_bits_per_sec", "-ub",
        "--verbose", "-v", "--verbose_conf", "-vc", "--verbose_stat", "-vs", "--verbose_time", "-vt",
        "--verbose_used", "-vu", "--verbose_more", "-vv", "--verbose_more_conf", "-vvc",
        "--verbose_more_stat", "-vvs", "--verbose_more_time", "-vvt", "--verbose_more_used", "-vvu");
    add(ArgType.FLAG, Setting.DEBUG, "--debug", "-D");
    add(ArgType.FLAG, Setting.VERSION, "--version", "-V");
    add(ArgType.HELP, Setting.HELP, "--help", "-h");
    add(ArgType.STRING, Setting.HOST, "--host", "-H");
    add(ArgType.STRING, Setting.OTHER, "--id", "-i", "--loc_id", "-li", "--rem_id", "-ri",
        "--static_rate", "-sr", "--loc_static_rate", "-lsr", "--rem_static_rate", "-rsr");
    add(ArgType.INT, Setting.LISTEN_PORT, "--listen_port", "-lp");
    add(ArgType.LOOP, Setting.LOOP, "--loop", "-oo");
    add(ArgType.SIZE, Setting.OTHER, "--msg_size", "-m", "--mtu_size", "-mt", "--sock_buf_size", "-sb",
        "--loc_sock_buf_size", "-lsb", "--rem_sock_buf_size", "-rsb", "--src_path_bits", "-sp",
        "--loc_src_path_bits", "-lsp", "--rem_src_path_bits", "-rsp");
    add(ArgType.INT, Setting.NO_MSGS, "--no_msgs", "-n");
    add(ArgType.INT, Setting.IP_PORT, "--ip_port", "-ip");
    add(ArgType.SERVICE_LEVEL, Setting.OTHER, "--service_level", "-sl", "--loc_service_level", "-lsl",
        "--rem_service_level", "-rsl");
    add(ArgType.TIME, Setting.TIME, "--time", "-t");
    add(ArgType.TIME, Setting.OTHER, "--timeout", "-to", "--loc_timeout", "-lto", "--rem_timeout", "-rto");
    add(ArgType.TIME, Setting.WAIT_SERVER, "--wait_server", "-ws");

    rename("--affinity", "--cpu_affinity", "-a", "-ca", "--loc_affinity", "--loc_cpu_affinity", "-la", "-lca",
        "--rem_affinity", "--rem_cpu_affinity", "-ra", "-rca", "--rate", "--static_rate", "-r", "-sr",
        "--loc_rate", "--loc_static_rate", "-lr", "-lsr", "--rem_rate", "--rem_static_rate", "-rr", "-rsr",
        "--port", "--ip_port", "-p", "-ip", "--poll", "--cq_poll", "-P", "-cp", "--loc_poll", "--loc_cq_poll",
        "-lP", "-lcp", "--rem_poll", "--rem_cq_poll", "-rP", "-rcp", "-R", "-nr", "-lR", "-lnr", "-rR", "-rnr",
        "-T", "-to", "-lT", "-lto", "-rT", "-rto", "-S", "-sb", "-lS", "-lsb", "-rS", "-rsb",
        "--wait", "--wait_server", "-W", "-ws", "-vC", "-vvc", "-vS", "-vvs", "-vT", "-vvt", "-vU", "-vvu",
        "-aro", "-ar1", "-cmo", "-cm1", "-fo", "-f1", "-cpo", "-cp1", "-lcpo", "-lcp1", "-rcpo", "-rcp1",
        "-Ar", "-ar", "-M", "-mt", "-u", "-uu");
  }

  private static void add(ArgType type, Setting setting, String... names) {
    for (String name : names) {
      BY_NAME.put(name, new QperfOption(name, type, setting));
    }
  }

  private static void rename(String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      RENAMED.put(pairs[i], pairs[i + 1]);
    }
  }

  /** The option a word names, following qperf's obsolete-name table. */
  public static Optional<QperfOption> find(String word) {
    return Optional.ofNullable(BY_NAME.get(RENAMED.getOrDefault(word, word)));
  }

  /** A {@code -oo} loop variable is any option name without its leading dashes. */
  public static Optional<QperfOption> loopVariable(String name) {
    for (String prefix : List.of("--", "-")) {
      QperfOption option = BY_NAME.get(prefix + name);
      if (option != null) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }

  public boolean takesArgument() {
    return argType != ArgType.FLAG && argType != ArgType.HELP;
  }

  /**
   * The number qperf takes from this option's argument, as its do_option reads it (before keeping
   * it in 32 bits); 0 for arguments that are not numbers. Throws with qperf's message where qperf
   * refuses the argument.
   *
   * @param word the option as written, which qperf names in its messages
   */
  public long read(String word, String text) {
    return switch (argType) {
      case INT -> QperfValues.parseInt(text, word);
      case SIZE -> QperfValues.parseSize(text, word);
      case TIME -> QperfValues.parseTime(text, word);
      case SERVICE_LEVEL -> {
        long level = QperfValues.parseInt(text, word);
        if (level > 15) {
          // qperf prints the level with %d, i.e. its low 32 bits
          throw new IllegalArgumentException("service level must be between 0 and 15: " + (int) level + " given");
        }
        yield level;
      }
      default -> 0;
    };
  }
}

package dev.kubectlqperf.e2e;

import java.io.IOException;

/**
 * Limits the bandwidth of the traffic to one loopback address with tc (an HTB class and a u32
 * filter on the destination) and nothing else: unclassified traffic passes the root HTB directly.
 * Takes root and an lo without a root qdisc of its own; {@link #close()} removes exactly what it added.
 * (Debian's kernel here has htb and u32 but no netem, so a slow pair is a rate, not a delay.)
 */
final class LoopbackShaper implements AutoCloseable {

  private static final String HANDLE = "7a:";
  private boolean added;

  private LoopbackShaper() {}

  /** {@code rate} in tc's syntax, e.g. {@code 20mbit}. */
  static LoopbackShaper limit(String address, String rate) throws IOException, InterruptedException {
    String before = tc("qdisc", "show", "dev", "lo").out();
    if (!before.startsWith("qdisc noqueue")) {
      throw new IllegalStateException("lo has a root qdisc already, which is not ours to replace: " + before);
    }
    LoopbackShaper shaper = new LoopbackShaper();
    check(tc("qdisc", "add", "dev", "lo", "root", "handle", HANDLE, "htb"));
    shaper.added = true;
    try {
      check(tc("class", "add", "dev", "lo", "parent", HANDLE, "classid", HANDLE + "1", "htb", "rate", rate, "ceil", rate,
          "quantum", "1514"));
      check(tc("filter", "add", "dev", "lo", "parent", HANDLE, "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst",
          address + "/32", "flowid", HANDLE + "1"));
    } catch (RuntimeException e) {
      shaper.close();
      throw e;
    }
    return shaper;
  }

  @Override
  public void close() {
    if (added) {
      try {
        check(tc("qdisc", "del", "dev", "lo", "root", "handle", HANDLE));
        added = false;
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("could not remove the tc qdisc " + HANDLE + " from lo", e);
      }
    }
  }

  private static Shell.Result tc(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "tc";
    System.arraycopy(args, 0, command, 1, args.length);
    return Shell.run(java.util.Map.of(), command);
  }

  private static void check(Shell.Result r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException("tc failed: " + r.out() + r.err());
    }
  }
}

package dev.kubectlqperf.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits the bandwidth of one kind of traffic leaving a device with tc (an HTB class and a u32
 * filter) and nothing else: unclassified traffic passes the root HTB directly. Takes root and a
 * device without a root qdisc of its own; {@link #close()} removes exactly what it added.
 * (Debian's kernel here has htb and u32 but no netem, so a slow pair is a rate, not a delay.)
 */
final class RateShaper implements AutoCloseable {

  private static final String HANDLE = "7a:";
  private final String device;
  private boolean added;

  private RateShaper(String device) {
    this.device = device;
  }

  /** Traffic to one loopback address (a simulated node's path); {@code rate} in tc's syntax, e.g. {@code 20mbit}. */
  static RateShaper loopbackTo(String address, String rate) throws IOException, InterruptedException {
    return limit("lo", "dst", address + "/32", rate);
  }

  /**
   * Traffic a node bridge hands to its pods from another node's pod range: on the local cluster the
   * host routes between the nodes' bridges, so this slows one direction of one node pair.
   */
  static RateShaper bridgeFrom(String bridge, String sourceRange, String rate) throws IOException, InterruptedException {
    return limit(bridge, "src", sourceRange, rate);
  }

  private static RateShaper limit(String device, String direction, String range, String rate)
      throws IOException, InterruptedException {
    String before = tc("qdisc", "show", "dev", device).out();
    if (!before.startsWith("qdisc noqueue")) {
      throw new IllegalStateException(device + " has a root qdisc already, which is not ours to replace: " + before);
    }
    RateShaper shaper = new RateShaper(device);
    check(tc("qdisc", "add", "dev", device, "root", "handle", HANDLE, "htb"));
    shaper.added = true;
    try {
      check(tc("class", "add", "dev", device, "parent", HANDLE, "classid", HANDLE + "1", "htb", "rate", rate, "ceil",
          rate, "quantum", "1514"));
      check(tc("filter", "add", "dev", device, "parent", HANDLE, "protocol", "ip", "prio", "1", "u32", "match", "ip",
          direction, range, "flowid", HANDLE + "1"));
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
        check(tc("qdisc", "del", "dev", device, "root", "handle", HANDLE));
        added = false;
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("could not remove the tc qdisc " + HANDLE + " from " + device, e);
      }
    }
  }

  private static Shell.Result tc(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tc"));
    command.addAll(List.of(args));
    return Shell.run(java.util.Map.of(), command.toArray(String[]::new));
  }

  private static void check(Shell.Result r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException("tc failed: " + r.out() + r.err());
    }
  }
}

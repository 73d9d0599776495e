package dev.kubectlqperf.plugin.option;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubectlqperf.plugin.Cli;
import org.junit.jupiter.api.Test;

/** One {@code -o} for every command; a format the command does not print is a usage error. */
class OutputMixinTest {

  private final Cli cli = new Cli(null);

  @Test
  void aFormatTheCommandDoesNotPrintIsAUsageErrorNamingTheOnesItDoes() {
    Cli.Run parse = cli.runWithInput("tcp_lat:\n    latency  =  6.99 us\n", "parse", "-", "-o", "wide");
    assertEquals(2, parse.exitCode());
    assertEquals("error: -o wide: parse prints json, yaml, table, csv\n", parse.err());
    assertEquals("", parse.out());

    Cli.Run create = cli.run("create", "q", "--tests", "tcp_bw", "--dry-run=client", "-o", "csv", "-n", "x");
    assertEquals(2, create.exitCode());
    assertEquals("error: -o csv: create prints name, json, yaml\n", create.err());
  }

  @Test
  void theSameValuesAreAcceptedEverywhere() {
    Cli.Run table = cli.runWithInput("tcp_lat:\n    latency  =  6.99 us\n", "parse", "-", "-o", "table");
    assertEquals(0, table.exitCode(), table.err());
    Cli.Run name = cli.run("create", "q", "--tests", "tcp_bw", "--dry-run=client", "-o", "name", "-n", "x");
    assertEquals(0, name.exitCode(), name.err());
    assertEquals("qperf.perf.kubestone.xridge.io/q\n", name.out());
  }
}

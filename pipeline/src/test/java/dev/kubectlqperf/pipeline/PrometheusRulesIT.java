package dev.kubectlqperf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.pipeline.testing.PrometheusRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PrometheusRule's groups pass {@code promtool check rules} and the unit tests of every
 * alert in {@code deploy/monitoring/prometheusrule-test.yaml} ({@code promtool test rules}).
 */
class PrometheusRulesIT {

  @TempDir
  Path dir;

  private record Run(int exit, String output) {}

  private static Run promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool ended");
    return new Run(p.exitValue(), output);
  }

  @Test
  void theRulesAreValidAndEveryAlertPassesItsUnitTests() throws Exception {
    Path rules = PrometheusRules.extractTo(dir);
    Files.copy(PrometheusRules.TESTS, dir.resolve("tests.yaml"));

    Run check = promtool(dir, "check", "rules", rules.toString());
    assertEquals(0, check.exit(), check.output());
    assertTrue(check.output().contains("SUCCESS: 4 rules found"), check.output());

    Run test = promtool(dir, "test", "rules", "tests.yaml");
    assertEquals(0, test.exit(), test.output());
    String tests = Files.readString(PrometheusRules.TESTS);
    for (String alert : List.of("QperfTrendRegressed", "QperfRunsFailing", "QperfSinkDeadLettering", "QperfNoLeader")) {
      assertTrue(tests.contains("alertname: " + alert), "a unit test of " + alert);
    }
  }

  @Test
  void theUnitTestsCatchABrokenAlert() throws Exception {
    Path rules = PrometheusRules.extractTo(dir);
    Files.writeString(rules, Files.readString(rules).replace("(qperf_schedule_regressed) == 1",
        "(qperf_schedule_regressed) >= 0"));
    Files.copy(PrometheusRules.TESTS, dir.resolve("tests.yaml"));
    Run test = promtool(dir, "test", "rules", "tests.yaml");
    assertNotEquals(0, test.exit(), test.output());
    assertTrue(test.output().contains("QperfTrendRegressed"), test.output());
  }
}

package dev.kubectlqperf.plugin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.plugin.option.OutputFormat;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -o yaml} reads like kubectl's: diffable and greppable against {@code kubectl get -o yaml}. */
class QperfPrinterYamlTest {

  private final QperfPrinter printer = new QperfPrinter(Clock.systemUTC());

  private static Qperf run(String name) {
    Qperf q = new Qperf();
    q.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench")
        .withLabels(Map.of("team", "net", "build", "10", "nightly", "true")).build());
    q.setSpec(QperfSpec.of(List.of("tcp_bw"), "-v -t 10"));
    return q;
  }

  private String yaml(List<Qperf> items, boolean single) {
    StringWriter out = new StringWriter();
    printer.print(items, OutputFormat.yaml, false, single, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void oneObjectStartsWithItsFieldsAndPlainStringsAreNotQuoted() {
    String yaml = yaml(List.of(run("a")), true);
    assertTrue(yaml.startsWith("apiVersion: perf.kubestone.xridge.io/v1alpha1\nkind: Qperf\nmetadata:\n"), yaml);
    assertTrue(yaml.contains("  name: a\n"), yaml);
    assertTrue(yaml.contains("team: net\n"), yaml);
    assertFalse(yaml.contains("---"), yaml);
  }

  @Test
  void stringsThatWouldReadBackAsNumbersOrBooleansKeepTheirQuotes() {
    String yaml = yaml(List.of(run("a")), true);
    assertTrue(yaml.contains("build: \"10\"\n"), yaml);
    assertTrue(yaml.contains("nightly: \"true\"\n"), yaml);
    Qperf back = new KubernetesSerialization().unmarshal(yaml, Qperf.class);
    assertEquals(run("a").getMetadata().getLabels(), back.getMetadata().getLabels());
    assertEquals(run("a").getSpec(), back.getSpec());
  }

  @Test
  void severalObjectsAreOneList() {
    String yaml = yaml(List.of(run("a"), run("b")), false);
    assertTrue(yaml.startsWith("apiVersion: v1\nkind: List\nitems:\n"), yaml);
    assertEquals(2, yaml.lines().filter(l -> l.matches("\\s*- apiVersion: perf.kubestone.xridge.io/v1alpha1")).count(),
        yaml);
  }
}

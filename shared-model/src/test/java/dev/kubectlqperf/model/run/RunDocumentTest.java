package dev.kubectlqperf.model.run;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.TestResult;
import dev.kubectlqperf.model.result.RepetitionOutcome;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.model.result.ResultJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.Fixtures;
import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfSpec;
import dev.kubectlqperf.model.parse.QperfOutputParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDocumentTest {

  private static final List<String> RULES = List.of("tcp_bw bw at least 1 GB/sec", "tcp_lat latency p99 at most 5 us");

  @Test
  void repetitionsBecomeOneDocumentWithStatisticsAndAVerdict() {
    Qperf qperf = run(3, RULES);
    List<QperfResult> reps = List.of(rep(qperf, 1, "2.0 GB/sec", "7.0 us"), rep(qperf, 2, "1.8 GB/sec", "7.2 us"),
        rep(qperf, 3, "1.9 GB/sec", "7.1 us"));
    QperfResult doc = RunDocument.of(qperf, reps, List.of());

    assertTrue(doc.ok());
    assertEquals(QperfResult.SCHEMA, doc.schema());
    assertEquals(6, doc.tests().size());
    assertEquals(List.of(1, 1, 2, 2, 3, 3), doc.tests().stream().map(TestResult::repetition).toList());
    assertEquals(3, doc.repetitions().size());
    assertEquals("2026-11-25T10:00:03Z", doc.run().endTime(), "the run ends when its last repetition ends");
    assertNull(doc.run().repetition(), "the document is the whole run's");
    assertEquals(0, doc.exitCode());

    MetricStatistics bw = doc.statistics().get(0);
    assertEquals("bw", bw.metric());
    assertEquals(3, bw.count());
    assertEquals(1.9e9, bw.mean(), 1);
    assertEquals(Verdict.Outcome.Failed, doc.verdict().result());
    assertTrue(doc.verdict().rules().get(0).passed());
    assertEquals("tcp_lat latency p99 7.2 us is not at most 5 us", doc.verdict().rules().get(1).detail());
  }

  @Test
  void aFailedRepetitionIsRecordedAndFailsTheRun() {
    Qperf qperf = run(3, null);
    QperfResult failed = QperfOutputParser.parse("tcp_bw:\nfailed to receive tcp_bw results: timed out\n", 1)
        .withRun(RunIdentities.of(qperf, "2026-11-25T10:00:02Z", "node-b", null).withRepetition(2));
    QperfResult doc = RunDocument.of(qperf,
        List.of(rep(qperf, 1, "2.0 GB/sec", "7.0 us"), failed, rep(qperf, 3, "1.9 GB/sec", "7.1 us")), List.of());

    assertFalse(doc.ok());
    assertEquals(1, doc.exitCode());
    assertEquals(List.of(true, false, true), doc.repetitions().stream().map(RepetitionOutcome::ok).toList());
    assertTrue(doc.repetitions().get(1).error().contains("timed out"), doc.repetitions().get(1).error());
    assertTrue(doc.errors().get(0).startsWith("repetition 2: "), doc.errors().toString());
    assertEquals(2, doc.statistics().get(0).count(), "the failed block is no sample");
    assertNull(doc.verdict(), "no thresholds, no verdict");
  }

  @Test
  void missingRepetitionsAndTheReasonAreInTheDocument() {
    Qperf qperf = run(5, RULES);
    QperfResult doc = RunDocument.of(qperf, List.of(rep(qperf, 1, "2.0 GB/sec", "4.0 us")),
        List.of("Timeout: the run did not finish within 60 s"));
    assertFalse(doc.ok());
    assertEquals("Timeout: the run did not finish within 60 s", doc.errors().get(doc.errors().size() - 1));
    assertEquals(1, doc.repetitions().size());
    assertEquals(Verdict.Outcome.Passed, doc.verdict().result(), "the thresholds judge what was measured");
  }

  @Test
  void aRunThatNeverRanStillHasItsIdentityAndReason() {
    Qperf qperf = run(1, RULES);
    QperfResult doc = RunDocument.of(qperf, List.of(), List.of("InvalidSpec: bad"));
    assertFalse(doc.ok());
    assertEquals("bench", doc.run().namespace());
    assertEquals("uid-r", doc.run().uid());
    assertEquals(List.of("InvalidSpec: bad"), doc.errors());
    assertEquals("no tcp_bw bw in the result", doc.verdict().rules().get(0).detail());
  }

  @Test
  void aSingleRunKeepsItsShapeAndGainsStatistics() {
    Qperf qperf = run(1, null);
    QperfResult rep = rep(qperf, 1, "2.0 GB/sec", "7.0 us");
    QperfResult doc = RunDocument.of(qperf, List.of(rep), List.of());
    assertEquals(rep.tests(), doc.tests());
    assertNull(doc.repetitions());
    assertEquals(1, doc.run().repetition());
    assertEquals(2, doc.statistics().size());
    assertNull(doc.statistics().get(0).stddev());
  }

  @Test
  void aVersion2DocumentRoundTripsAndAVersion1DocumentStillReads() {
    Qperf qperf = run(2, RULES);
    ResultJson json = new ResultJson();
    QperfResult doc = RunDocument.of(qperf, List.of(rep(qperf, 1, "2.0 GB/sec", "7.0 us"),
        rep(qperf, 2, "1.8 GB/sec", "7.2 us")), List.of());
    QperfResult back = json.read(json.line(doc));
    assertEquals(json.line(doc), json.line(back));
    assertEquals(doc.statistics(), back.statistics());
    assertEquals(doc.verdict(), back.verdict());

    String v1 = "{\"schema\":\"" + QperfResult.SCHEMA_V1 + "\",\"ok\":true,\"run\":{\"namespace\":\"bench\","
        + "\"name\":\"old\",\"uid\":\"u1\",\"repetition\":1},\"exitCode\":0,\"tests\":[{\"test\":\"tcp_bw\","
        + "\"ok\":true,\"error\":null,\"metrics\":{\"bw\":{\"value\":2010000000,\"unit\":\"B/s\","
        + "\"text\":\"2.01 GB/sec\"}}}],\"errors\":[]}";
    QperfResult old = json.read(v1);
    assertEquals(QperfResult.SCHEMA_V1, old.schema());
    assertEquals(List.of(), old.statisticsOrEmpty());
    assertEquals(List.of(), old.repetitionsOrEmpty());
    assertNull(old.verdict());
    assertNull(old.tests().get(0).repetition());
  }

  private static Qperf run(int repetitions, List<String> thresholds) {
    Qperf qperf = Fixtures.created("r", new QperfSpec(null, null, List.of("tcp_bw", "tcp_lat"), null, null, null,
        null, null, repetitions, null, thresholds));
    return qperf;
  }

  private static QperfResult rep(Qperf qperf, int n, String bw, String latency) {
    List<String> lines = new ArrayList<>(List.of("tcp_bw:", "    bw  =  " + bw, "tcp_lat:", "    latency  =  " + latency));
    return QperfOutputParser.parse(String.join("\n", lines) + "\n", 0)
        .withRun(RunIdentities.of(qperf, "2026-11-25T10:00:0" + n + "Z", "node-b", null).withRepetition(n));
  }
}

package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.Metric;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.StatisticsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

  @TempDir Path dir;

  @Test
  void oneJsonLinePerRunAndOneCsvRowPerMetricUnderOneHeader() throws Exception {
    ResultFiles files = new ResultFiles(dir);
    files.append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    files.append(Results.of("udp_bw_udp_lat.txt", "b", "u2"));
    List<String> json = Files.readAllLines(dir.resolve(ResultFiles.JSON_LINES));
    assertEquals(2, json.size());
    assertEquals("a", new ResultJson().read(json.get(0)).run().name());
    List<String> csv = Files.readAllLines(dir.resolve(ResultFiles.CSV));
    assertEquals(ResultCsv.HEADER, csv.get(0));
    assertEquals(1, csv.stream().filter(ResultCsv.HEADER::equals).count());
    assertEquals(1 + ResultCsv.rows(Results.of("tcp_bw_tcp_lat.txt", "a", "u1")).size()
        + ResultCsv.rows(Results.of("udp_bw_udp_lat.txt", "b", "u2")).size(), csv.size());
  }

  @Test
  void aRepeatedRunIsOneJsonLineWithRepetitionRowsAndItsStatistics() throws Exception {
    var result = Results.repeated("rep", List.of("cv at most 10 %"), Results.output("1.8 GB/sec", "7.0 us"),
        Results.output("2.0 GB/sec", "7.2 us"));
    ResultFiles files = new ResultFiles(dir);
    files.append(result);
    files.append(result);
    assertEquals(1, Files.readAllLines(dir.resolve(ResultFiles.JSON_LINES)).size());
    List<CSVRecord> csv = records(ResultFiles.CSV);
    assertEquals(List.of("1", "1", "2", "2"), csv.subList(1, csv.size()).stream().map(r -> r.get(4)).toList(),
        "the repetition column names each block's repetition");
    List<String> stats = Files.readAllLines(dir.resolve(ResultFiles.STATISTICS_CSV));
    assertEquals(StatisticsCsv.HEADER, stats.get(0));
    assertEquals(3, stats.size(), String.join("\n", stats));
    assertEquals("bench,rep,uid-rep,2026-11-25T10:00:02Z,tcp_bw,,,bw,B/s,2,1900000000,141421356.23730952,"
        + "7.4432292756478695,1800000000,1900000000,1980000000,1998000000,2000000000,629379526.3999999,"
        + "3170620473.6000004,Passed", stats.get(1));
  }

  @Test
  void aRunAlreadyInTheFilesIsNotWrittenAgainEvenByAFreshProcess() throws Exception {
    new ResultFiles(dir).append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    long csvBefore = Files.size(dir.resolve(ResultFiles.CSV));
    ResultFiles afterRestart = new ResultFiles(dir);
    afterRestart.append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    afterRestart.append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    assertEquals(1, Files.readAllLines(dir.resolve(ResultFiles.JSON_LINES)).size());
    assertEquals(csvBefore, Files.size(dir.resolve(ResultFiles.CSV)));
  }

  @Test
  void aLineTornByACrashIsCutOffAndTheRunWrittenWhole() throws Exception {
    new ResultFiles(dir).append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    String whole = new ResultJson().line(Results.of("udp_bw_udp_lat.txt", "b", "u2"));
    Files.writeString(dir.resolve(ResultFiles.JSON_LINES), whole.substring(0, whole.length() / 2),
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    new ResultFiles(dir).append(Results.of("udp_bw_udp_lat.txt", "b", "u2"));
    List<String> json = Files.readAllLines(dir.resolve(ResultFiles.JSON_LINES));
    assertEquals(2, json.size());
    assertEquals(whole, json.get(1));
    assertTrue(Files.readString(dir.resolve(ResultFiles.JSON_LINES)).endsWith("\n"));
  }

  /** What qperf and the pipeline may put in a value: commas, quotes, line breaks, even a line like a row. */
  private static final String AWKWARD = "qperf said \"no\", twice,\nthen: bench,other,u9,2026-11-25T10:00:05Z,1\r\nend";

  @Test
  void valuesWithCommasQuotesAndLineBreaksReadBackAsWrittenAndNeverHideARun() throws Exception {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put("msg", Metric.string("\"quoted\", with comma"));
    new ResultFiles(dir).append(Results.failed("awkward", "u1", AWKWARD, metrics));
    new ResultFiles(dir).append(Results.failed("other", "u9", "plain", Map.of()));

    List<CSVRecord> rows = records(ResultFiles.CSV);
    assertEquals(List.of("uid", "u1", "u9"), rows.stream().map(r -> r.get(2)).toList(),
        "one header and one row per run: a line of a value is not a row");
    assertEquals(AWKWARD, rows.get(1).get(13));
    assertEquals("\"quoted\", with comma", rows.get(1).get(10));
    String printed = ResultCsv.rows(Results.failed("awkward", "u1", AWKWARD, metrics)).get(0);
    try (CSVParser plugin = CSVParser.parse(printed, CSVFormat.RFC4180)) {
      assertEquals(plugin.getRecords().get(0).toList(), rows.get(1).toList(),
          "what the plugin prints and the file sink writes hold the same values");
    }
  }

  @Test
  void aRecordTornInsideAQuotedLineBreakIsCutOffAndTheRunWrittenWhole() throws Exception {
    new ResultFiles(dir).append(Results.of("tcp_bw_tcp_lat.txt", "a", "u1"));
    QperfResult awkward = Results.failed("b", "u2", AWKWARD, Map.of());
    String whole = ResultFiles.csv(ResultCsv.rows(awkward));
    String torn = whole.substring(0, whole.indexOf('\n') + 1);
    Files.writeString(dir.resolve(ResultFiles.CSV), torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    new ResultFiles(dir).append(awkward);
    List<CSVRecord> rows = records(ResultFiles.CSV);
    assertEquals(1, rows.stream().filter(r -> r.get(2).equals("u2")).count(), "the torn record is gone");
    assertEquals(AWKWARD, rows.get(rows.size() - 1).get(13));
    assertEquals(1 + ResultCsv.rows(Results.of("tcp_bw_tcp_lat.txt", "a", "u1")).size() + 1, rows.size());
  }

  private List<CSVRecord> records(String file) throws Exception {
    try (CSVParser parser = CSVParser.parse(dir.resolve(file), StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
      return parser.getRecords();
    }
  }
}

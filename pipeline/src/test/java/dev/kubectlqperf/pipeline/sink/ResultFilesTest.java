package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.StatisticsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
    List<String> csv = Files.readAllLines(dir.resolve(ResultFiles.CSV));
    assertEquals(List.of("1", "1", "2", "2"), csv.subList(1, csv.size()).stream().map(r -> r.split(",")[4]).toList(),
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
}

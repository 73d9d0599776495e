package dev.kubectlqperf.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
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

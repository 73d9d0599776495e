package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.StatisticsCsv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Appends result documents to {@value #JSON_LINES} (one document per line), {@value #CSV} (one
 * row per metric) and {@value #STATISTICS_CSV} (one row per statistic) in a directory.
 *
 * <p>Each result goes to each file in one write of whole lines, then to disk. A crash can at worst
 * leave the last line torn; it is cut off the first time the file is opened again, and that result
 * is still Pending in its run's status, so it is written again. A run already in a file (by its uid;
 * one document holds all its repetitions) is not written twice, so a redelivery after a crash does
 * not duplicate it.
 */
public final class ResultFiles {

  public static final String JSON_LINES = "results.jsonl";
  public static final String CSV = "results.csv";
  public static final String STATISTICS_CSV = "statistics.csv";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final ResultJson json = new ResultJson();
  private final Map<Path, Set<String>> written = new HashMap<>();

  public ResultFiles(Path dir) {
    this.dir = dir;
  }

  public synchronized void append(QperfResult result) throws IOException {
    String key = key(result.run());
    append(dir.resolve(JSON_LINES), key, List.of(json.line(result)), null, ResultFiles::keyOfJsonLine);
    append(dir.resolve(CSV), key, ResultCsv.rows(result), ResultCsv.HEADER, ResultFiles::keyOfCsvRow);
    append(dir.resolve(STATISTICS_CSV), key, StatisticsCsv.rows(result), StatisticsCsv.HEADER,
        ResultFiles::keyOfCsvRow);
  }

  private void append(Path file, String key, List<String> lines, String header, Function<String, String> keyOf)
      throws IOException {
    Set<String> keys = written.get(file);
    if (keys == null) {
      keys = load(file, header, keyOf);
      written.put(file, keys);
    }
    if (key != null && keys.contains(key) || lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    }
    if (key != null) {
      keys.add(key);
    }
  }

  /**
   * The keys of the runs a file holds, on its first use by this process: the file is created (with
   * its header, if it has one) when missing or empty, and a torn last line (a crash mid-write) is cut.
   */
  private static Set<String> load(Path file, String header, Function<String, String> keyOf) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    cutTornTail(file);
    if (header != null && Files.size(file) == 0) {
      Files.writeString(file, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
    Set<String> keys = new HashSet<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.filter(l -> !l.isBlank() && !l.equals(header)).map(keyOf).forEach(k -> {
        if (k != null) {
          keys.add(k);
        }
      });
    }
    return keys;
  }

  private static void cutTornTail(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      while (end > 0) {
        one.clear();
        ch.read(one, end - 1);
        if (one.get(0) == '\n') {
          break;
        }
        end--;
      }
      if (end < ch.size()) {
        ch.truncate(end);
      }
    }
  }

  private static String key(RunIdentity run) {
    return run == null ? null : run.uid();
  }

  private static String keyOfJsonLine(String line) {
    try {
      JsonNode run = JSON.readTree(line).path("run");
      return run.hasNonNull("uid") ? run.get("uid").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Both CSV files start with namespace, name, uid (names and uids hold no commas). */
  private static String keyOfCsvRow(String row) {
    String[] f = row.split(",", 4);
    return f.length < 4 || f[2].isEmpty() ? null : f[2];
  }
}

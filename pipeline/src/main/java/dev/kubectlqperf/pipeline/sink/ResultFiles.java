package dev.kubectlqperf.pipeline.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.model.result.ResultCsv;
import dev.kubectlqperf.model.result.ResultJson;
import dev.kubectlqperf.model.result.RunIdentity;
import dev.kubectlqperf.model.result.StatisticsCsv;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Appends result documents to {@value #JSON_LINES} (one document per line), {@value #CSV} (one
 * row per metric) and {@value #STATISTICS_CSV} (one row per statistic) in a directory.
 *
 * <p>Each result goes to each file in one write of whole records, then to disk. A crash can at worst
 * leave the last record torn; it is cut off the first time the file is opened again, and that result
 * is still Pending in its run's status, so it is written again. A run already in a file (by its uid;
 * one document holds all its repetitions) is not written twice, so a redelivery after a crash does
 * not duplicate it.
 *
 * <p>The CSV files are written and read back with one implementation, {@link #CSV_FORMAT}: a value
 * may hold commas, quotes and line breaks, so a record is not a line.
 */
public final class ResultFiles {

  public static final String JSON_LINES = "results.jsonl";
  public static final String CSV = "results.csv";
  public static final String STATISTICS_CSV = "statistics.csv";
  /** RFC 4180 with LF line ends: how both CSV files are written and read. */
  public static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Both CSV files start with namespace, name, uid. */
  private static final int UID_COLUMN = 2;

  private final Path dir;
  private final ResultJson json = new ResultJson();
  private final Map<Path, Set<String>> written = new HashMap<>();

  public ResultFiles(Path dir) {
    this.dir = dir;
  }

  public synchronized void append(QperfResult result) throws IOException {
    String key = key(result.run());
    Path jsonLines = dir.resolve(JSON_LINES);
    append(jsonLines, key, () -> loadJsonLines(jsonLines), () -> json.line(result) + "\n");
    appendCsv(dir.resolve(CSV), key, ResultCsv.HEADER, ResultCsv.rows(result));
    appendCsv(dir.resolve(STATISTICS_CSV), key, StatisticsCsv.HEADER, StatisticsCsv.rows(result));
  }

  private void appendCsv(Path file, String key, String header, List<String> rows) throws IOException {
    if (!rows.isEmpty()) {
      append(file, key, () -> loadCsv(file, header), () -> csv(rows));
    }
  }

  private void append(Path file, String key, Loader load, Text text) throws IOException {
    Set<String> keys = written.get(file);
    if (keys == null) {
      keys = load.keys();
      written.put(file, keys);
    }
    if (key != null && keys.contains(key)) {
      return;
    }
    write(file, text.get());
    if (key != null) {
      keys.add(key);
    }
  }

  /**
   * Rows as {@link ResultCsv} and {@link StatisticsCsv} render them, each read as exactly one record
   * and printed by {@link #CSV_FORMAT}, the format {@link #loadCsv} reads.
   */
  static String csv(List<String> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(text, CSV_FORMAT)) {
      for (String row : rows) {
        printer.printRecord(fields(row));
      }
    }
    return text.toString();
  }

  private static List<String> fields(String row) throws IOException {
    try (CSVParser parser = CSVParser.parse(row, CSV_FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IOException("a CSV row that is " + records.size() + " records: " + row);
      }
      return records.get(0).toList();
    }
  }

  private static void write(Path file, String text) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    }
  }

  /** The uids of the runs a JSON Lines file holds, after {@link #open}. */
  private static Set<String> loadJsonLines(Path file) throws IOException {
    open(file, false);
    Set<String> keys = new HashSet<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.filter(l -> !l.isBlank()).map(ResultFiles::keyOfJsonLine).filter(Objects::nonNull).forEach(keys::add);
    }
    return keys;
  }

  /** The uids of the runs a CSV file holds, after {@link #open}; the header is written to an empty file. */
  private static Set<String> loadCsv(Path file, String header) throws IOException {
    open(file, true);
    if (Files.size(file) == 0) {
      write(file, csv(List.of(header)));
    }
    Set<String> keys = new HashSet<>();
    try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSV_FORMAT)) {
      for (CSVRecord record : parser) {
        boolean isHeader = record.getRecordNumber() == 1 && String.join(",", record.toList()).equals(header);
        if (!isHeader && record.size() > UID_COLUMN && !record.get(UID_COLUMN).isEmpty()) {
          keys.add(record.get(UID_COLUMN));
        }
      }
    } catch (UncheckedIOException e) {
      throw new IOException(file + " is not valid CSV: " + e.getCause().getMessage(), e);
    }
    return keys;
  }

  /** Creates the file (and its directory) when missing, and cuts a torn last record off. */
  private static void open(Path file, boolean csv) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    long end = endOfLastRecord(file, csv);
    if (end < Files.size(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
  }

  /**
   * Where the last whole record ends: after the last line feed, which in CSV must lie outside quotes
   * (RFC 4180 doubles a quote inside a quoted value, so an odd count so far means inside one).
   */
  private static long endOfLastRecord(Path file, boolean csv) throws IOException {
    long end = 0;
    long position = 0;
    boolean quoted = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        position++;
        if (csv && b == '"') {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          end = position;
        }
      }
    }
    return end;
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

  @FunctionalInterface
  private interface Loader {
    Set<String> keys() throws IOException;
  }

  @FunctionalInterface
  private interface Text {
    String get() throws IOException;
  }
}

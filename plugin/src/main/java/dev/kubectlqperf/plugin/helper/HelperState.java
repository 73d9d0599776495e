package dev.kubectlqperf.plugin.helper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A helper's state file, where the launcher finds it: {@code PORT TOKEN PID} on the first line
 * (the launcher reads the port and the token), the helper's KUBECONFIG on the second (for
 * {@code helper status}). It lives in an owner-only directory and is itself owner-only; a file
 * that is not (another user's, a link, readable by others) or does not parse is not a helper.
 */
public final class HelperState {

  /** One published helper: who answers on {@code port} must prove it holds {@code token}. */
  public record Entry(Path file, int port, String token, long pid, String kubeconfig, FileTime since) {}

  private static final Pattern FIRST_LINE = Pattern.compile("([1-9][0-9]{0,4}) ([0-9a-f]{64}) ([1-9][0-9]{0,18})");
  private static final int MAX_BYTES = 16 * 1024;

  private final Path file;
  private final long pid;
  private volatile String token;

  public HelperState(Path file, long pid) {
    this.file = file;
    this.pid = pid;
  }

  /** Written to a new temporary file and moved into place, so the launcher never reads half of it. */
  public void publish(int port, String token, String kubeconfig) throws IOException {
    Path dir = OwnerOnly.privateDirectory(file.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(dir, ".state", ".tmp", OwnerOnly.FILE);
    String shown = kubeconfig == null ? "" : kubeconfig.replaceAll("\\p{Cntrl}", "?");
    Files.writeString(tmp, port + " " + token + " " + pid + "\n" + shown + "\n");
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    this.token = token;
  }

  /** False once {@code helper stop} removed the file, a newer helper replaced it, or it is no longer private. */
  public boolean stillOurs() {
    return read(file).filter(e -> e.pid() == pid && e.token().equals(token)).isPresent();
  }

  public void removeIfOurs() throws IOException {
    if (stillOurs()) {
      Files.deleteIfExists(file);
    }
  }

  public Path file() {
    return file;
  }

  /** Every helper published in a directory, which must be this user's alone. */
  public static List<Entry> all(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    Optional<String> problem = OwnerOnly.problem(dir, true);
    if (problem.isPresent()) {
      throw new IOException("not using the helper directory: " + problem.get());
    }
    // State files are named by the launcher's environment fingerprint; logs and temporary files have a dot.
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> !f.getFileName().toString().contains("."))) {
      files.forEach(f -> read(f).ifPresent(entries::add));
    }
    return entries;
  }

  static Optional<Entry> read(Path file) {
    if (OwnerOnly.problem(file, false).isPresent()) {
      return Optional.empty();
    }
    String text;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty(); // gone or being replaced: not a helper to talk to
    }
    List<String> lines = text.lines().toList();
    Matcher first = FIRST_LINE.matcher(lines.isEmpty() ? "" : lines.get(0));
    if (!first.matches() || Integer.parseInt(first.group(1)) > 65535) {
      return Optional.empty();
    }
    String kubeconfig = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1) : null;
    try {
      return Optional.of(new Entry(file, Integer.parseInt(first.group(1)), first.group(2),
          Long.parseLong(first.group(3)), kubeconfig, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}

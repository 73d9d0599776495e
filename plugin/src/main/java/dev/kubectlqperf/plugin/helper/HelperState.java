package dev.kubectlqperf.plugin.helper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A helper's state file, where the launcher finds it: {@code PORT TOKEN PID} on the first line
 * (what the launcher reads), the helper's KUBECONFIG on the second (for {@code helper status}).
 * Readable by its owner only: the token is what lets a call through.
 */
public final class HelperState {

  /** One published helper. */
  public record Entry(Path file, int port, long pid, String kubeconfig, FileTime since) {}

  private final Path file;
  private final long pid;
  private volatile int port = -1;

  public HelperState(Path file, long pid) {
    this.file = file;
    this.pid = pid;
  }

  /** Written to a temporary file and moved into place, so the launcher never reads half of it. */
  public void publish(int port, String token, String kubeconfig) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path tmp = Files.createTempFile(dir, ".state", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, port + " " + token + " " + pid + "\n" + (kubeconfig == null ? "" : kubeconfig) + "\n");
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    this.port = port;
  }

  /** False once {@code helper stop} removed the file or a newer helper replaced it. */
  public boolean stillOurs() {
    return read(file).filter(e -> e.pid() == pid && e.port() == port).isPresent();
  }

  public void removeIfOurs() throws IOException {
    if (stillOurs()) {
      Files.deleteIfExists(file);
    }
  }

  public Path file() {
    return file;
  }

  /** Every helper published in a directory. */
  public static List<Entry> all(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    // State files are named by the launcher's environment fingerprint; logs and temporary files have a dot.
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> !f.getFileName().toString().contains("."))) {
      files.forEach(f -> read(f).ifPresent(entries::add));
    }
    return entries;
  }

  static Optional<Entry> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      String[] first = lines.isEmpty() ? new String[0] : lines.get(0).trim().split(" ");
      if (first.length != 3) {
        return Optional.empty();
      }
      String kubeconfig = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1) : null;
      return Optional.of(new Entry(file, Integer.parseInt(first[0]), Long.parseLong(first[2]), kubeconfig,
          Files.getLastModifiedTime(file)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // gone, being replaced, or not a state file: not a helper to talk to
    }
  }
}

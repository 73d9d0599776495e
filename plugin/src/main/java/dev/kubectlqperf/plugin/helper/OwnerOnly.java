package dev.kubectlqperf.plugin.helper;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The helper's files are trusted only when they are this user's alone: owned by this process's
 * uid, not symbolic links, and with no access for group or others. Under {@code sudo -E} or
 * {@code su}, {@code HOME} and {@code XDG_RUNTIME_DIR} still point at the other user's files, so
 * a directory another user can write would let them plant a state file or a link.
 */
public final class OwnerOnly {

  static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_DIRECTORY = 0040000;
  private static final int TYPE_REGULAR = 0100000;

  private OwnerOnly() {}

  /** This process's uid. */
  public static long uid() {
    return new UnixSystem().getUid();
  }

  /** Why {@code path} is not this user's private directory (or regular file); empty when it is. */
  public static Optional<String> problem(Path path, boolean directory) {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(path + " cannot be checked: " + e.getMessage());
    }
    int mode = (Integer) attributes.get("mode");
    int owner = (Integer) attributes.get("uid");
    if ((mode & TYPE_MASK) != (directory ? TYPE_DIRECTORY : TYPE_REGULAR)) {
      return Optional.of(path + " is not a " + (directory ? "directory" : "regular file") + " (a link?)");
    }
    if (owner != uid()) {
      return Optional.of(path + " is owned by uid " + owner + ", not by you (uid " + uid() + ")");
    }
    if ((mode & 077) != 0) {
      return Optional.of(path + " is open to group or others (mode " + Integer.toOctalString(mode & 07777) + ")");
    }
    return Optional.empty();
  }

  /** Creates the directory (owner-only) when missing, then refuses it unless it is private. */
  public static Path privateDirectory(Path dir) throws IOException {
    if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir, DIRECTORY);
    }
    Optional<String> problem = problem(dir, true);
    if (problem.isPresent()) {
      throw new IOException("not using the helper directory: " + problem.get());
    }
    return dir;
  }

  /**
   * A new owner-only file in place of whatever was there: a planted link is removed, never
   * followed, and the file is created exclusively (it fails if something reappears meanwhile).
   */
  public static OutputStream createNew(Path file) throws IOException {
    Files.deleteIfExists(file);
    return Channels.newOutputStream(Files.newByteChannel(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), FILE));
  }
}

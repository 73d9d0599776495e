package dev.kubectlqperf.plugin.helper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.util.Objects;

/** The jar this JVM runs from, as it was at start: a reinstall must not leave an old helper serving. */
public record JarStamp(Path jar, FileTime modified) {

  public static JarStamp of(Class<?> fromJar) {
    CodeSource source = fromJar.getProtectionDomain().getCodeSource();
    try {
      Path jar = source == null ? null : Path.of(source.getLocation().toURI());
      return new JarStamp(jar, jar == null ? null : modified(jar));
    } catch (URISyntaxException e) {
      return new JarStamp(null, null);
    }
  }

  /** Replaced or removed since start; never for classes outside a jar. */
  public boolean changed() {
    return jar != null && !Objects.equals(modified, modified(jar));
  }

  private static FileTime modified(Path jar) {
    try {
      return Files.isRegularFile(jar) ? Files.getLastModifiedTime(jar) : null;
    } catch (IOException e) {
      return null;
    }
  }
}

package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper trusts only files that are this user's alone, and never writes through a link. */
class HelperStateTest {

  private static final String TOKEN = "0123456789abcdef".repeat(4);

  @TempDir Path tmp;

  private Path privateDir() throws IOException {
    return OwnerOnly.privateDirectory(tmp.resolve("helper"));
  }

  private static void chown(Path path, int uid) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("chown", "-hR", String.valueOf(uid), path.toString()).start().waitFor());
  }

  @Test
  void publishesAnOwnerOnlyStateFileThatReadsBack() throws IOException {
    Path dir = privateDir();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    HelperState state = new HelperState(dir.resolve("abc"), 4242);
    state.publish(39171, TOKEN, "/home/me/.kube/config");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.file())));
    HelperState.Entry entry = HelperState.all(dir).get(0);
    assertEquals(List.of(39171, TOKEN, 4242L, "/home/me/.kube/config"),
        List.of(entry.port(), entry.token(), entry.pid(), entry.kubeconfig()));
    assertTrue(state.stillOurs());
  }

  @Test
  void aDirectoryOthersCanUseIsRefused() throws IOException {
    Path dir = privateDir();
    new HelperState(dir.resolve("abc"), 4242).publish(39171, TOKEN, null);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    IOException refused = assertThrows(IOException.class, () -> HelperState.all(dir));
    assertTrue(refused.getMessage().contains("is open to group or others (mode 777)"), refused.getMessage());
    assertThrows(IOException.class, () -> new HelperState(dir.resolve("abc"), 4242).publish(1, TOKEN, null));
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws Exception {
    assumeTrue(OwnerOnly.uid() == 0, "only root can give a directory away");
    Path dir = privateDir();
    HelperState state = new HelperState(dir.resolve("abc"), 4242);
    state.publish(39171, TOKEN, null);
    chown(dir, 65534);
    IOException refused = assertThrows(IOException.class, () -> HelperState.all(dir));
    assertTrue(refused.getMessage().contains("is owned by uid 65534, not by you (uid 0)"), refused.getMessage());
    assertThrows(IOException.class, () -> OwnerOnly.privateDirectory(dir));
    assertFalse(state.stillOurs(), "a helper whose file was given away stops");
  }

  @Test
  void aStateFileThatIsNotOursAloneOrDoesNotParseIsNoHelper() throws Exception {
    Path dir = privateDir();
    Path good = dir.resolve("good");
    new HelperState(good, 4242).publish(39171, TOKEN, null);
    assertTrue(HelperState.read(good).isPresent());

    Path link = Files.createSymbolicLink(dir.resolve("link"), good);
    assertEquals(Optional.empty(), HelperState.read(link));

    Path readable = Files.copy(good, dir.resolve("readable"));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(Optional.empty(), HelperState.read(readable));

    for (String bogus : List.of("a[$(touch /tmp/pwned)] a[$(touch /tmp/pwned)] a[$(touch /tmp/pwned)]",
        "39171 " + TOKEN + " 1 extra", "70000 " + TOKEN + " 1", "39171 short 1", "08 " + TOKEN + " 1")) {
      Path file = dir.resolve("bogus");
      Files.writeString(file, bogus + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      assertEquals(Optional.empty(), HelperState.read(file), bogus);
    }
    assertEquals(List.of(good), HelperState.all(dir).stream().map(HelperState.Entry::file).toList());
  }

  @Test
  void aNewFileReplacesAPlantedLinkAndLeavesItsTargetAlone() throws IOException {
    Path dir = privateDir();
    Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
    Path log = Files.createSymbolicLink(dir.resolve("abc.log"), victim);
    try (OutputStream out = OwnerOnly.createNew(log)) {
      out.write("helper log\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("precious\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(log));
    assertTrue(Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS));
    assertEquals("helper log\n", Files.readString(log));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
  }
}

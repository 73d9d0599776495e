package dev.kubectlqperf.plugin.helper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How the launcher and the helper prove to each other that they hold the state file's token,
 * without either sending it: whoever listens on the port learns nothing it could use, and the
 * launcher sends no argument before the helper has proved itself.
 *
 * <pre>
 * launcher: kubectl-qperf-helper 2 NL      (NL, NH: 64 hex digits, fresh random nonces)
 * helper:   NH PROOF(helper)
 * launcher: PROOF(launcher) NUL, then call | ping | stop NUL (then the call, see HelperRequest)
 * </pre>
 *
 * Lines end with a newline, fields after the launcher's proof with a NUL byte: that way the
 * launcher writes its whole request at once (bash writes at each newline).
 *
 * {@code PROOF(role)} is the hex SHA-256 of {@code "role TOKEN NL NH\n"}: what the launcher
 * computes with one {@code sha256sum} over two here-strings. Each side's nonce makes the other's
 * proof single-use, and the role keeps the helper from being asked for the launcher's proof.
 */
public final class HelperHandshake {

  public static final String HELLO = "kubectl-qperf-helper 2 ";
  static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  static final int MAX_LINE = 200;

  private static final SecureRandom RANDOM = new SecureRandom();

  private HelperHandshake() {}

  /** 256 random bits in hex: tokens and nonces. */
  public static String nonce() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static String proof(String role, String token, String launcherNonce, String helperNonce) {
    String text = role + " " + token + " " + launcherNonce + " " + helperNonce + "\n";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Constant-time, so that timing tells a guesser nothing. */
  static boolean matches(String expected, String received) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
  }

  static boolean isHex64(String s) {
    return HEX64.matcher(s).matches();
  }
}

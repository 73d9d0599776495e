package dev.kubectlqperf.plugin.helper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One call the launcher hands to the helper once both have proved themselves
 * ({@link HelperHandshake}), in the launcher's framing: the environment's fingerprint, {@code 1}
 * when stdout is a terminal, the argument count, then every argument, each ended by a NUL byte
 * (an argument may hold any other character).
 */
public record HelperRequest(String environment, boolean terminal, List<String> args) {

  static final int MAX_ARGS = 1024;
  static final int MAX_FIELD_BYTES = 64 * 1024;

  public HelperRequest {
    args = List.copyOf(args);
  }

  public static HelperRequest read(InputStream in) throws IOException {
    String environment = field(in, '\0', MAX_FIELD_BYTES);
    boolean terminal = "1".equals(field(in, '\0', MAX_FIELD_BYTES));
    int count;
    try {
      count = Integer.parseInt(field(in, '\0', MAX_FIELD_BYTES));
    } catch (NumberFormatException e) {
      throw new IOException("malformed request: no argument count");
    }
    if (count < 0 || count > MAX_ARGS) {
      throw new IOException("malformed request: " + count + " arguments");
    }
    List<String> args = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      args.add(field(in, '\0', MAX_FIELD_BYTES));
    }
    return new HelperRequest(environment, terminal, args);
  }

  /** The launcher's side of the framing; tests speak it too. */
  public byte[] encode() {
    StringBuilder s = new StringBuilder()
        .append(environment).append('\0').append(terminal ? '1' : '0').append('\0')
        .append(args.size()).append('\0');
    args.forEach(a -> s.append(a).append('\0'));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes up to {@code end} (not included), at most {@code max} of them. */
  static String field(InputStream in, char end, int max) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != end; b = in.read()) {
      if (b < 0) {
        throw new IOException("malformed request: it ends early");
      }
      if (bytes.size() == max) {
        throw new IOException("malformed request: a field longer than " + max + " bytes");
      }
      bytes.write(b);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

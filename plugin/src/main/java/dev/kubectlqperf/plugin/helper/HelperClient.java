package dev.kubectlqperf.plugin.helper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's side of {@link HelperHandshake} in Java: {@code helper status} and
 * {@code helper stop} talk only to a helper that proves it holds its state file's token, so a
 * process that merely reuses a helper's pid or port is never signalled nor trusted.
 */
public final class HelperClient {

  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A proven helper's process: its pid and start time, so that a reused pid is told apart. */
  public record Identity(long pid, long startMillis) {
    private static final Pattern LINE = Pattern.compile("([1-9][0-9]{0,18}) ([0-9]{1,19})");

    static Identity current() {
      ProcessHandle self = ProcessHandle.current();
      return new Identity(self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    static Optional<Identity> parse(String line) {
      Matcher m = LINE.matcher(line);
      return m.matches() ? Optional.of(new Identity(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
          : Optional.empty();
    }

    /** This process, if it is still the one that answered (same pid and start time). */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis != 0
          && p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startMillis);
    }

    @Override
    public String toString() {
      return pid + " " + startMillis;
    }
  }

  private HelperClient() {}

  /** The helper answering on the entry's port, if it proves it holds the entry's token. */
  public static Optional<Identity> ping(HelperState.Entry entry) {
    return identify(entry, "ping");
  }

  /** Asks the helper to stop, if it proves it holds the entry's token; it ends within a second. */
  public static Optional<Identity> stop(HelperState.Entry entry) {
    return identify(entry, "stop");
  }

  private static Optional<Identity> identify(HelperState.Entry entry, String operation) {
    try (Socket socket = open(entry.port(), entry.token()).orElse(null)) {
      if (socket == null) {
        return Optional.empty();
      }
      socket.getOutputStream().write((operation + "\0").getBytes(StandardCharsets.UTF_8));
      return Identity.parse(HelperRequest.field(socket.getInputStream(), '\n', HelperHandshake.MAX_LINE));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A connection on which the helper proved itself and this side answered with its own proof:
   * the next field written is the operation. Empty when nobody listens or the listener has no token.
   */
  public static Optional<Socket> open(int port, String token) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream(); // unbuffered: nothing read past the proof
      String launcherNonce = HelperHandshake.nonce();
      out.write((HelperHandshake.HELLO + launcherNonce + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String[] answer = HelperRequest.field(in, '\n', HelperHandshake.MAX_LINE).split(" ", -1);
      if (answer.length != 2 || !HelperHandshake.isHex64(answer[0]) || !HelperHandshake.matches(
          HelperHandshake.proof("helper", token, launcherNonce, answer[0]), answer[1])) {
        close(socket);
        return Optional.empty();
      }
      out.write((HelperHandshake.proof("launcher", token, launcherNonce, answer[0]) + "\0")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      return Optional.of(socket);
    } catch (IOException e) {
      close(socket);
      return Optional.empty();
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }
}
